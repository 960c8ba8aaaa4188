//go:build !unix

package main

// openNonblock is not needed where named pipes cannot be opened as
// files by name.
const openNonblock = 0
