// Package filters evaluates availability constraints (allow_hours,
// block_day, and, or, not, ...) to the set of instants they name inside a
// window.
package filters
