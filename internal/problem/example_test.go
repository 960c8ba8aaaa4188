package problem_test

import (
	"errors"
	"fmt"

	"github.com/findtime/findtime/internal/problem"
)

func Example() {
	var errs problem.Problems
	errs.Add("query.length", "must be a positive duration", nil)
	errs.Add("query.window", "is longer than 366 days",
		&problem.LimitError{Limit: "MaxWindow", Max: 366})
	errs.AddUncovered("query.length.value", "reported once is enough", nil)

	err := errs.Err()
	fmt.Println(err)

	var le *problem.LimitError
	if errors.As(err, &le) {
		fmt.Println("raise", le.Limit, "past", le.Max)
	}
	b, _ := errs.MarshalJSON()
	fmt.Println(string(b))
	// Output:
	// invalid input; query.length: must be a positive duration; query.window: is longer than 366 days
	// raise MaxWindow past 366
	// {"errors":{"query.length":["must be a positive duration"],"query.window":["is longer than 366 days"]}}
}
