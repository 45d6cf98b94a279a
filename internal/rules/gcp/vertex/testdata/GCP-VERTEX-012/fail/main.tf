resource "google_vertex_ai_endpoint_with_model_garden_deployment" "llama" {
  hugging_face_model_id = "meta-llama/Llama-3.1-8B-Instruct"
  location              = "us-central1"
  model_config {
    hugging_face_access_token = "hf_abcdefghijklmnopqrstuvwxyzABCDEFGH" # expect
  }
}
