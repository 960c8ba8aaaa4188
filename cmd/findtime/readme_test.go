package main

import (
	"strings"
	"testing"
)

// TestReadmeDocument: the document shown in README.md, its first json
// block, is testdata/examples/quickstart.json byte for byte (but for the
// final newline), so that the two cannot drift apart.
func TestReadmeDocument(t *testing.T) {
	readme := readDoc(t, "../../README.md")
	const open = "```json\n"
	start := strings.Index(readme, open)
	if start < 0 {
		t.Fatal("README.md has no json block")
	}
	block := readme[start+len(open):]
	end := strings.Index(block, "\n```")
	if end < 0 {
		t.Fatal("README.md's first json block does not end")
	}
	got, want := block[:end], strings.TrimSuffix(readDoc(t, quickstartPath), "\n")
	if got != want {
		t.Errorf("README.md's first json block differs from %s:\n%s\nwant\n%s", quickstartPath, got, want)
	}
}

// TestReadmeCommands: README.md keeps the commands a newcomer needs: one
// that runs the CLI on a bundled example, the tests, and the install
// line.
func TestReadmeCommands(t *testing.T) {
	readme := readDoc(t, "../../README.md")
	for _, cmd := range []string{
		"go run ./cmd/findtime -format text testdata/examples/quickstart.json",
		"go test ./...",
		"go install github.com/findtime/findtime/cmd/findtime@latest",
	} {
		if !strings.Contains(readme, cmd) {
			t.Errorf("README.md lacks %q", cmd)
		}
	}
}
