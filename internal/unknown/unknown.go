// Package unknown holds the text that stands for a value mlguard cannot know
// at scan time: the readers (Terraform, CloudFormation, ARM) write it where
// a string interpolates a computed value (a bucket ARN before apply), and
// the adapters, the IAM engine and the rules recognise it and conclude
// nothing from it. It imports nothing, so every layer may use it.
package unknown

import "strings"

// Placeholder stands for the unknown part of a string.
const Placeholder = "(known after apply)"

// In reports whether s holds an unknown part.
func In(s string) bool { return strings.Contains(s, Placeholder) }
