package main

import (
	"strings"
	"testing"
)

// TestDocumentSizeLimit: an input larger than maxDocumentBytes is refused
// by name before it is decoded.
func TestDocumentSizeLimit(t *testing.T) {
	doc := `{"resources": [], "now": "` + strings.Repeat("x", maxDocumentBytes) + `"}`
	code, stdout, stderr := cli(t, doc, "-")
	if code != 1 || stdout != "" || !strings.Contains(stderr, `"-":["is larger than 64 MiB"]`) {
		t.Fatalf("exit %d, stdout %.80q, stderr %.200s", code, stdout, stderr)
	}
}
