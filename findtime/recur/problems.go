package recur

import "github.com/findtime/findtime/internal/problem"

// Problem is the module's one problem type: a path, a message and a
// wrapped cause. See findtime.Problem.
type Problem = problem.Problem

// Problems is every problem found in one input. See findtime.Problems.
type Problems = problem.Problems
