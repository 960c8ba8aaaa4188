package reference

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Ref is a resource as an answer lists it.
type Ref struct{ ID, Name, Timezone string }

// Got is one slot or period of the engine's answer.
type Got struct {
	Start, End time.Time
	Resources  []Ref
}

// RefIDs returns the ids of refs.
func RefIDs(refs []Ref) []string {
	out := make([]string, len(refs))
	for i, r := range refs {
		out[i] = r.ID
	}
	return out
}

// Compare checks an answer against the model, slot by slot (period by
// period): start, end, listed resources and their name and zone, and the
// output zone; for roundrobin_random, that the one resource is in F(s)
// and that one order of the resources explains every choice. It returns
// "" when they agree, else what differs, the case and a picture of both.
func Compare(c *Case, m *Model, got []Got) string {
	random := c.Query.Mode == RoundRobinRandom
	bad := ""
	if len(got) != len(m.Slots) {
		bad = fmt.Sprintf("%d slots, want %d", len(got), len(m.Slots))
	}
	for i := 0; bad == "" && i < len(got); i++ {
		g, w := got[i], m.Slots[i]
		switch {
		case g.Start.UnixNano() != w.Start || g.End.UnixNano() != w.End:
			bad = fmt.Sprintf("slot %d is [%s, %s), want [%s, %s)", i, FmtAt(g.Start.UnixNano(), m.Out), FmtAt(g.End.UnixNano(), m.Out), FmtAt(w.Start, m.Out), FmtAt(w.End, m.Out))
		case random && (len(g.Resources) != 1 || !slices.Contains(c.IDs(w.Cand), g.Resources[0].ID)):
			bad = fmt.Sprintf("slot %d lists %q, want one of F(s) = %q", i, RefIDs(g.Resources), c.IDs(w.Cand))
		case !random && !slices.Equal(RefIDs(g.Resources), c.IDs(w.Who)):
			bad = fmt.Sprintf("slot %d lists %q, want %q", i, RefIDs(g.Resources), c.IDs(w.Who))
		}
		if bad != "" {
			break
		}
		for _, ref := range g.Resources {
			if want := c.Resources[c.Index(ref.ID)]; ref.Timezone != want.Timezone || ref.Name != want.Name {
				bad = fmt.Sprintf("slot %d lists %+v, want name %q timezone %q", i, ref, want.Name, want.Timezone)
			}
		}
		_, goff := g.Start.Zone()
		_, woff := g.Start.In(m.Out).Zone()
		if goff != woff {
			bad = fmt.Sprintf("slot %d starts %s, not in the output zone %s", i, g.Start.Format(time.RFC3339), m.Out)
		}
	}
	if bad == "" && random && !oneShuffle(c, m, got) {
		bad = "roundrobin_random: no single order of the resources picks every slot's resource as the first of F(s) (SPEC §8: shuffled once)"
	}
	if bad == "" {
		return ""
	}
	return "Compute differs from the model: " + bad + "\n" + c.Summary() + m.Picture(c, got)
}

// oneShuffle reports whether some order of the query's resources makes
// every slot's resource the first of its F(s) in that order.
func oneShuffle(c *Case, m *Model, got []Got) bool {
	perm := slices.Clone(m.Order)
	var try func(k int) bool
	ok := func() bool {
		for i, g := range got {
			for _, ri := range perm {
				if slices.Contains(m.Slots[i].Cand, ri) {
					if c.Resources[ri].ID != g.Resources[0].ID {
						return false
					}
					break
				}
			}
		}
		return true
	}
	try = func(k int) bool {
		if k == len(perm) {
			return ok()
		}
		for i := k; i < len(perm); i++ {
			perm[k], perm[i] = perm[i], perm[k]
			if try(k + 1) {
				return true
			}
			perm[k], perm[i] = perm[i], perm[k]
		}
		return false
	}
	return try(0)
}

// Cell is the width in minutes of one character of a picture.
const Cell = 15

// Row draws a bitmap of the frame, one character per Cell minutes: '#'
// when all of the cell's minutes are set, '+' some, '.' none.
func (f Frame) Row(b []bool) string { return f.row(b, 0, (f.N+Cell-1)/Cell) }

func (f Frame) row(b []bool, c0, c1 int) string {
	var s strings.Builder
	for c := c0; c < c1; c++ {
		n := 0
		lo, hi := c*Cell, min(f.N, (c+1)*Cell)
		for i := lo; i < hi; i++ {
			if b[i] {
				n++
			}
		}
		switch {
		case n == hi-lo:
			s.WriteByte('#')
		case n > 0:
			s.WriteByte('+')
		default:
			s.WriteByte('.')
		}
	}
	return s.String()
}

// Diff lists the minute ranges in which the bitmaps want and got differ
// and draws both around them, a line per 24 hours of Cell-minute cells,
// with '^' under each cell that holds a difference. Instants are written
// in UTC and on the wall clock of loc. It returns "" when they agree.
func (f Frame) Diff(want, got []bool, loc *time.Location) string {
	var ranges [][2]int
	for i := range want {
		if want[i] == got[i] {
			continue
		}
		if n := len(ranges); n > 0 && ranges[n-1][1] == i {
			ranges[n-1][1] = i + 1
		} else {
			ranges = append(ranges, [2]int{i, i + 1})
		}
	}
	if len(ranges) == 0 {
		return ""
	}
	at := func(i int) string {
		t := time.Unix(0, f.From+int64(i)*minute)
		return t.UTC().Format("2006-01-02T15:04Z") + " (" + t.In(loc).Format("2006-01-02 15:04 MST -07:00") + ")"
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, "%d differing minute range(s):\n", len(ranges))
	for k, r := range ranges {
		if k == 12 {
			fmt.Fprintf(&sb, "  ... %d more\n", len(ranges)-k)
			break
		}
		fmt.Fprintf(&sb, "  [%s, %s) %d min: want=%v got=%v\n", at(r[0]), at(r[1]), r[1]-r[0], want[r[0]], got[r[0]])
	}
	const perLine = 24 * 60 / Cell
	first, last := ranges[0][0]/Cell, (ranges[len(ranges)-1][1]-1)/Cell
	c0 := max(0, first-8)
	c1 := min((f.N+Cell-1)/Cell, last+9, c0+3*perLine)
	fmt.Fprintf(&sb, "picture (1 char = %d min, '#' in set, '.' not, '+' partly, '^' difference):\n", Cell)
	for l0 := c0; l0 < c1; l0 += perLine {
		l1 := min(c1, l0+perLine)
		var marks strings.Builder
		for c := l0; c < l1; c++ {
			mark := byte(' ')
			for i := c * Cell; i < min(f.N, (c+1)*Cell); i++ {
				if want[i] != got[i] {
					mark = '^'
					break
				}
			}
			marks.WriteByte(mark)
		}
		fmt.Fprintf(&sb, "  from %s\n  want %s\n  got  %s\n       %s\n", at(l0*Cell), f.row(want, l0, l1), f.row(got, l0, l1), marks.String())
	}
	return sb.String()
}

// counts draws, one character per cell, the number of starts in it.
func (f Frame) counts(starts []int64, c0, c1 int) string {
	row := make([]int, c1-c0)
	for _, s := range starts {
		c := int(floorDiv(s-f.From, minute)) / Cell
		if c >= c0 && c < c1 {
			row[c-c0]++
		}
	}
	var s strings.Builder
	for _, n := range row {
		switch {
		case n == 0:
			s.WriteByte('.')
		case n < 10:
			s.WriteByte(byte('0' + n))
		default:
			s.WriteByte('*')
		}
	}
	return s.String()
}

// Picture draws, one char per 15 minutes of the window, each query
// resource's allowed, busy and free minutes and the slot starts expected
// and got, then lists the slots side by side.
func (m *Model) Picture(c *Case, got []Got) string {
	cells := (m.N + Cell - 1) / Cell
	random := c.Query.Mode == RoundRobinRandom
	var sb strings.Builder
	sb.WriteString("picture: one char per 15 min from the window start; bitmaps '#' all, '+' some, '.' none of the 15 minutes;\n")
	sb.WriteString("slot rows: number of slot starts in the cell; the axis shows output-zone hours (tens, units) where a :00 falls\n")
	startsOf := func(ri int, exp bool) []int64 {
		var out []int64
		if exp {
			for _, s := range m.Slots {
				if ri < 0 || slices.Contains(s.Who, ri) {
					out = append(out, s.Start)
				}
			}
			return out
		}
		for _, s := range got {
			if ri < 0 || slices.Contains(RefIDs(s.Resources), c.Resources[ri].ID) {
				out = append(out, s.Start.UnixNano())
			}
		}
		return out
	}
	const width = 96
	for c0 := 0; c0 < cells; c0 += width {
		c1 := min(cells, c0+width)
		fmt.Fprintf(&sb, "from %s (%s)\n", FmtAt(m.From+int64(c0*Cell)*minute, m.Out), FmtAt(m.From+int64(c0*Cell)*minute, time.UTC))
		var tens, units strings.Builder
		for cl := c0; cl < c1; cl++ {
			t, u := byte(' '), byte(' ')
			for i := cl * Cell; i < min(m.N, (cl+1)*Cell); i++ {
				lt := time.Unix(0, m.From+int64(i)*minute).In(m.Out)
				if lt.Minute() == 0 {
					t, u = byte('0'+lt.Hour()/10), byte('0'+lt.Hour()%10)
				}
			}
			tens.WriteByte(t)
			units.WriteByte(u)
		}
		fmt.Fprintf(&sb, "  %-14s|%s|\n  %-14s|%s|\n", "hour", tens.String(), "", units.String())
		for _, ri := range m.Order {
			id := c.Resources[ri].ID
			fmt.Fprintf(&sb, "  %-14s|%s|\n", id+" allowed", m.row(m.Allowed[ri], c0, c1))
			fmt.Fprintf(&sb, "  %-14s|%s|\n", id+" busy", m.row(m.Busy[ri], c0, c1))
			fmt.Fprintf(&sb, "  %-14s|%s|\n", id+" free", m.row(m.Free[ri], c0, c1))
			if !random {
				fmt.Fprintf(&sb, "  %-14s|%s|\n", id+" want", m.counts(startsOf(ri, true), c0, c1))
				fmt.Fprintf(&sb, "  %-14s|%s|\n", id+" got", m.counts(startsOf(ri, false), c0, c1))
			}
		}
		if c.Query.Mode == Mutual {
			fmt.Fprintf(&sb, "  %-14s|%s|\n", "all free", m.row(m.MutualFree, c0, c1))
		}
		fmt.Fprintf(&sb, "  %-14s|%s|\n", "starts want", m.counts(startsOf(-1, true), c0, c1))
		fmt.Fprintf(&sb, "  %-14s|%s|\n", "starts got", m.counts(startsOf(-1, false), c0, c1))
	}
	// Side by side.
	type line struct {
		start int64
		text  string
		same  bool
	}
	var lines []line
	i, j := 0, 0
	for i < len(m.Slots) || j < len(got) {
		switch {
		case j == len(got) || (i < len(m.Slots) && m.Slots[i].Start < got[j].Start.UnixNano()):
			w := m.Slots[i]
			lines = append(lines, line{w.Start, fmt.Sprintf("  - want [%s, %s) %q F(s)=%q", FmtAt(w.Start, m.Out), FmtAt(w.End, m.Out), c.IDs(w.Who), c.IDs(w.Cand)), false})
			i++
		case i == len(m.Slots) || got[j].Start.UnixNano() < m.Slots[i].Start:
			g := got[j]
			lines = append(lines, line{g.Start.UnixNano(), fmt.Sprintf("  + got  [%s, %s) %q", FmtAt(g.Start.UnixNano(), m.Out), FmtAt(g.End.UnixNano(), m.Out), RefIDs(g.Resources)), false})
			j++
		default:
			w, g := m.Slots[i], got[j]
			same := g.End.UnixNano() == w.End && (random || slices.Equal(RefIDs(g.Resources), c.IDs(w.Who)))
			mark := "="
			if !same {
				mark = "~"
			}
			lines = append(lines, line{w.Start, fmt.Sprintf("  %s [%s, %s) want %q got [.., %s) %q F(s)=%q", mark, FmtAt(w.Start, m.Out), FmtAt(w.End, m.Out), c.IDs(w.Who), FmtAt(g.End.UnixNano(), m.Out), RefIDs(g.Resources), c.IDs(w.Cand)), same})
			i++
			j++
		}
	}
	fmt.Fprintf(&sb, "slots (want %d, got %d):\n", len(m.Slots), len(got))
	hidden := 0
	for k, l := range lines {
		near := false
		for d := -2; d <= 2; d++ {
			if k+d >= 0 && k+d < len(lines) && !lines[k+d].same {
				near = true
			}
		}
		if len(lines) <= 60 || near {
			if hidden > 0 {
				fmt.Fprintf(&sb, "  ... %d matching slots\n", hidden)
				hidden = 0
			}
			sb.WriteString(l.text + "\n")
		} else {
			hidden++
		}
	}
	if hidden > 0 {
		fmt.Fprintf(&sb, "  ... %d matching slots\n", hidden)
	}
	return sb.String()
}
