// Package findtime computes when people and rooms are free: from busy
// calendars, working hours and rules, the slots that a query asks for.
package findtime
