package recur

import "github.com/findtime/findtime/internal/problem"

// Problem is the module's one problem type: a path, a message and a
// wrapped cause. The zero value is a problem with the whole input and no
// message; a Problem is a plain value, safe to share between goroutines
// once built. See findtime.Problem.
type Problem = problem.Problem

// Problems is every problem found in one input. The zero value is empty
// and ready to use; adding is not safe for concurrent use, and a Problems
// returned as an error is not changed again, so reading it is then safe
// from any number of goroutines. See findtime.Problems.
type Problems = problem.Problems
