package main

import (
	"strings"
	"testing"
)

// alwaysFree is a document of resources, free at all times in UTC, and
// a query of 30-minute slots in zone over [from, to).
func alwaysFree(t *testing.T, zone, from, to string, ids ...string) string {
	t.Helper()
	var res []any
	for _, id := range ids {
		res = append(res, map[string]any{"id": id, "timezone": "UTC"})
	}
	return doc(t, map[string]any{"resources": res, "query": map[string]any{
		"length": "30 minutes", "from": from, "to": to, "output_timezone": zone}})
}

// TestTextOffsets: on a day when the output zone's offset changes, the
// text table follows each time with its UTC offset, so that the two
// 01:30 of a fall-back night differ; other days are printed as before.
func TestTextOffsets(t *testing.T) {
	tests := []struct {
		name, zone, from, to, want string
	}{
		// New York falls back at 06:00Z on Sunday 1 November 2026:
		// 01:00–02:00 local happens twice, -04:00 then -05:00.
		{"fall back", "America/New_York", "2026-11-01T05:00:00Z", "2026-11-01T07:00:00Z",
			"4 slots, times in America/New_York\n" +
				"Sun 01 Nov  01:00 (-04:00)–01:30 (-04:00)  r\n" +
				"            01:30 (-04:00)–01:00 (-05:00)  r\n" +
				"            01:00 (-05:00)–01:30 (-05:00)  r\n" +
				"            01:30 (-05:00)–02:00 (-05:00)  r\n"},
		// Every slot of the day shows its offsets, also those far from
		// the change.
		{"same day, hours later", "America/New_York", "2026-11-01T20:00:00Z", "2026-11-01T20:30:00Z",
			"1 slot, times in America/New_York\n" +
				"Sun 01 Nov  15:00 (-05:00)–15:30 (-05:00)  r\n"},
		// Spring forward at 07:00Z on Sunday 8 March 2026: 02:00–03:00
		// local does not exist.
		{"spring forward", "America/New_York", "2026-03-08T06:30:00Z", "2026-03-08T07:30:00Z",
			"2 slots, times in America/New_York\n" +
				"Sun 08 Mar  01:30 (-05:00)–03:00 (-04:00)  r\n" +
				"            03:00 (-04:00)–03:30 (-04:00)  r\n"},
		{"the day after", "America/New_York", "2026-11-02T14:00:00Z", "2026-11-02T14:30:00Z",
			"1 slot, times in America/New_York\n" +
				"Mon 02 Nov  09:00–09:30  r\n"},
		{"UTC", "UTC", "2026-11-01T05:00:00Z", "2026-11-01T05:30:00Z",
			"1 slot, times in UTC\n" +
				"Sun 01 Nov  05:00–05:30  r\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := cli(t, alwaysFree(t, tc.zone, tc.from, tc.to, "r"), "-format", "text", "-")
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			if out != tc.want {
				t.Errorf("output\n%s\nwant\n%s", out, tc.want)
			}
		})
	}
}

// TestTextControlCharacters: the text table never prints a control
// character from the input (SPEC §10); an id that holds one, or another
// character that is not printable, is quoted with Go escapes, and an
// ordinary id is printed as it is.
func TestTextControlCharacters(t *testing.T) {
	tests := []struct{ id, shown string }{
		{"a\x1b[31mred", `"a\x1b[31mred"`},
		{"b\nc", `"b\nc"`},
		{"tab\there", `"tab\there"`},
		{"bell\a", `"bell\a"`},
		{"del\x7f", `"del\x7f"`},
		{"c1\u009b31m", `"c1\u009b31m"`},
		{"rtl\u202eevil", `"rtl\u202eevil"`},
		{`"quoted"`, `"\"quoted\""`},
		{"Zoë Ångström", "Zoë Ångström"},
		{"room 4", "room 4"},
	}
	for _, tc := range tests {
		t.Run(tc.shown, func(t *testing.T) {
			code, out, errOut := cli(t, alwaysFree(t, "UTC", "2026-11-23T09:00:00Z", "2026-11-23T09:30:00Z", tc.id, "ok"),
				"-format", "text", "-")
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			want := "1 slot, times in UTC\nMon 23 Nov  09:00–09:30  " + tc.shown + ", ok\n"
			if out != want {
				t.Errorf("output %q, want %q", out, want)
			}
			for _, r := range strings.TrimSuffix(out, "\n") {
				if r == '\n' {
					continue
				}
				if r < 0x20 || (r >= 0x7f && r < 0xa0) || r == '\u202e' {
					t.Errorf("output holds %U: %q", r, out)
				}
			}
		})
	}
}
