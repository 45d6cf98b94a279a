resource "aws_x" "broken" {
  v = 
}
