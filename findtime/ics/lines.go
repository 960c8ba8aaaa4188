package ics

import (
	"strconv"
	"strings"
	"unsafe"
)

// lineCounter walks the raw bytes of a file as the library unfolds them
// (ics.CalendarStream.ReadLine): each call to next or content passes one
// content line, that is a physical line and the physical lines folded
// into it (those that start with a space or a tab), skipping lines that
// are empty once unfolded, and returns the number of the physical line
// its content starts on.
type lineCounter struct {
	data []byte
	// text is data as a string, sharing its bytes: data must not change
	// while lineCounter or a line it returned is in use.
	text string
	pos  int
	line int    // physical line at pos, from 1
	buf  []byte // a folded line, joined
}

func newLineCounter(data []byte) *lineCounter {
	return &lineCounter{data: data, text: unsafe.String(unsafe.SliceData(data), len(data)), line: 1}
}

// content returns the next content line and the number of the physical
// line it starts on; 0 at the end. A line that is not folded is a part of
// the file's text, without a copy; a folded one is joined into a new
// string.
func (c *lineCounter) content() (string, int) {
	start := 0
	var one string // the content while it is one segment
	joined := false
	for c.pos < len(c.text) {
		lineNo := c.line
		rest := c.text[c.pos:]
		nl := strings.IndexByte(rest, '\n')
		seg := rest
		if nl < 0 {
			c.pos = len(c.text)
		} else {
			seg = rest[:nl]
			if nl > 0 && seg[nl-1] == '\r' {
				seg = seg[:nl-1]
			}
			c.pos += nl + 1
			c.line++
		}
		if len(seg) > 0 {
			switch {
			case start == 0:
				start, one = lineNo, seg
			case !joined:
				c.buf = append(append(c.buf[:0], one...), seg...)
				joined = true
			default:
				c.buf = append(c.buf, seg...)
			}
		}
		if nl >= 0 && c.pos < len(c.text) && (c.text[c.pos] == ' ' || c.text[c.pos] == '\t') {
			c.pos++ // a folded continuation
			continue
		}
		if start != 0 {
			break
		}
	}
	if joined {
		return string(c.buf), start
	}
	return one, start
}

// next returns the line number of the next content line, 0 at the end.
// With content non-nil it also appends the unfolded line there, so that
// tests can check that the walk matches the library's.
func (c *lineCounter) next(content *[]byte) int {
	s, n := c.content()
	if content != nil {
		*content = append(*content, s...)
	}
	return n
}

// splitName returns the name of a content line (NAME;PARAMS:VALUE) upper
// cased, and whether the line has the shape of one: a name of letters,
// digits and dashes followed by ';' or ':', and a ':' somewhere after.
// Lines of properties that are not interpreted are only checked this far.
func splitName(line string) (string, bool) {
	i := 0
	for ; i < len(line); i++ {
		c := line[i]
		if !('A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
			break
		}
	}
	if i == 0 || i == len(line) || (line[i] != ':' && (line[i] != ';' || strings.IndexByte(line[i:], ':') < 0)) {
		return "", false
	}
	return strings.ToUpper(line[:i]), true
}

// tooManyParams bounds the parameters of a line handed to the library's
// property parser, whose cost grows with parameters × line length. It
// counts the ';' before the value (or in the whole line when a quote
// could hide the ':' that starts it).
func tooManyParams(line string) bool {
	head := line
	if colon := strings.IndexByte(line, ':'); colon >= 0 && strings.IndexByte(line[:colon], '"') < 0 {
		head = line[:colon]
	}
	return strings.Count(head, ";") > maxParams
}

// maxParams is the most parameters an interpreted property may have;
// real ones have one to three.
const maxParams = 16

// trimBlank drops the spaces and tabs that end s.
func trimBlank(s string) string {
	for len(s) > 0 && (s[len(s)-1] == ' ' || s[len(s)-1] == '\t') {
		s = s[:len(s)-1]
	}
	return s
}

// quoteValue shortens and quotes a value echoed in a message.
func quoteValue(s string) string {
	if len(s) > 60 {
		s = s[:60] + "..."
	}
	return strconv.Quote(s)
}
