package main

import (
	"strings"
	"testing"
)

// TestHelp: -h and -help print the usage once, on standard output, and
// exit 0, as a request for help is not an error; nothing goes to
// standard error.
func TestHelp(t *testing.T) {
	for _, args := range [][]string{{"-h"}, {"-help"}, {"--help"}, {quickstartPath, "-h"}, {"-pretty", "-h", quickstartPath}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			code, out, errOut := cli(t, "", args...)
			if code != 0 {
				t.Errorf("exit %d, want 0", code)
			}
			if errOut != "" {
				t.Errorf("stderr %q, want nothing", errOut)
			}
			if n := strings.Count(out, "usage: findtime"); n != 1 {
				t.Errorf("usage printed %d times on stdout, want once:\n%s", n, out)
			}
			for _, flag := range []string{"-now", "-pretty", "-format"} {
				if !strings.Contains(out, flag) {
					t.Errorf("usage does not list %s:\n%s", flag, out)
				}
			}
		})
	}
}

// TestBadFlagUsage: a bad flag prints the problem and the usage once,
// on standard error, and exits 2 with nothing on standard output.
func TestBadFlagUsage(t *testing.T) {
	tests := []struct {
		args []string
		say  string // on stderr, before the usage
	}{
		{[]string{"-bogus", quickstartPath}, "-bogus"},
		{[]string{quickstartPath, "-bogus"}, "-bogus"},
		{[]string{"-now", "tomorrow", quickstartPath}, `-now "tomorrow"`},
		{[]string{quickstartPath, "-format", "xml"}, `-format "xml"`},
		{[]string{quickstartPath, "-now"}, "-now"},
		{[]string{"-pretty"}, "no input files"},
		{[]string{"--"}, "no input files"},
	}
	for _, tc := range tests {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			code, out, errOut := cli(t, "", tc.args...)
			if code != 2 || out != "" {
				t.Fatalf("exit %d, stdout %q; want 2 and nothing", code, out)
			}
			if n := strings.Count(errOut, "usage: findtime"); n != 1 {
				t.Errorf("usage printed %d times on stderr, want once:\n%s", n, errOut)
			}
			if i := strings.Index(errOut, "usage:"); i < 0 || !strings.Contains(errOut[:i], tc.say) {
				t.Errorf("stderr does not say %q before the usage:\n%s", tc.say, errOut)
			}
		})
	}
}

// TestFlagsAfterFiles: flags may come before, between or after the files
// (SPEC §10); "-" is a file, standard input; after "--" every argument
// is a file.
func TestFlagsAfterFiles(t *testing.T) {
	_, compact, _ := cli(t, "", quickstartPath)
	_, pretty, _ := cli(t, "", "-pretty", quickstartPath)
	_, text, _ := cli(t, "", "-format", "text", quickstartPath)
	if compact == pretty || pretty == text || compact == "" {
		t.Fatal("the flags make no difference to the output; the test cannot tell")
	}
	top, res := quickstartParts(t)
	dir := t.TempDir()
	marie := tempFile(t, dir, "marie.json", doc(t, map[string]any{"now": top["now"], "query": top["query"], "resources": res[:1]}))
	sam := tempFile(t, dir, "sam.json", doc(t, map[string]any{"resources": res[1:]}))
	dash := tempFile(t, dir, "-pretty", readDoc(t, quickstartPath))
	tests := []struct {
		name  string
		stdin string
		args  []string
		want  string
	}{
		{"flag after file", "", []string{quickstartPath, "-pretty"}, pretty},
		{"flag with value after file", "", []string{quickstartPath, "-format", "text"}, text},
		{"flag=value after file", "", []string{quickstartPath, "-format=text"}, text},
		{"flag between files", "", []string{marie, "-pretty", sam}, pretty},
		{"flags around files", "", []string{"-format", "json", marie, sam, "-pretty"}, pretty},
		{"stdin then flag", readDoc(t, quickstartPath), []string{"-", "-pretty"}, pretty},
		{"double dash ends flags", "", []string{"-pretty", "--", dash}, pretty},
		{"double dash after a file", "", []string{quickstartPath, "--", "-pretty"}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := cli(t, tc.stdin, tc.args...)
			if tc.want == "" {
				// -pretty after "--" is a file name; with quickstart.json
				// that makes two files giving query and now, and a
				// file named "-pretty" in the working folder, which
				// does not exist.
				errs := inputErrors(t, code, out, errOut)
				if _, ok := errs["-pretty"]; !ok {
					t.Errorf(`"-pretty" after "--" not read as a file: %v`, errs)
				}
				return
			}
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			if out != tc.want {
				t.Errorf("output\n%s\nwant\n%s", out, tc.want)
			}
		})
	}
}
