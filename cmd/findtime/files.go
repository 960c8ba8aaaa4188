package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// maxDocumentBytes bounds what one input file, document or calendar, may
// hold.
const maxDocumentBytes = 64 << 20

// openRegular opens a regular file for reading. Anything else — a
// folder, a named pipe, a device such as /dev/stdin on a terminal, a
// socket — is refused without waiting (SPEC §15): the name is checked
// before it is opened, the file is opened without blocking (a FIFO with
// no writer would otherwise hang the open), and the opened file is
// checked again in case the name changed in between. Symbolic links are
// followed.
func openRegular(name string) (*os.File, error) {
	info, err := os.Stat(name)
	if err != nil {
		return nil, err
	}
	if err := regular(info.Mode()); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(name, os.O_RDONLY|openNonblock, 0)
	if err != nil {
		return nil, err
	}
	info, err = f.Stat()
	if err == nil {
		err = regular(info.Mode())
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// regular says what a file of mode m is when it is not a regular file.
func regular(m fs.FileMode) error {
	what := "not a regular file"
	switch {
	case m.IsRegular():
		return nil
	case m.IsDir():
		what = "a folder, not a regular file"
	case m&fs.ModeNamedPipe != 0:
		what = "a named pipe, not a regular file"
	case m&fs.ModeDevice != 0, m&fs.ModeCharDevice != 0:
		what = "a device, not a regular file"
	case m&fs.ModeSocket != 0:
		what = "a socket, not a regular file"
	}
	return errors.New(what)
}

// readFile reads one input document, "-" being standard input (which
// may be a pipe or a terminal), at most maxDocumentBytes. Its error
// message leaves out the name, which keys it.
func readFile(name string, stdin io.Reader) ([]byte, error) {
	data, err := appendFile(nil, name, stdin)
	return data, err
}

// appendFile is readFile appending the bytes to buf, which grows once,
// by the file's size when it is known; on an error buf is returned as
// it was.
func appendFile(buf []byte, name string, stdin io.Reader) ([]byte, error) {
	r, size := stdin, int64(0)
	if name != "-" {
		f, err := openRegular(name)
		if err != nil {
			return buf, errors.New("cannot be read: " + pathError(err))
		}
		defer f.Close()
		r = f
		if info, err := f.Stat(); err == nil {
			size = info.Size()
		}
	}
	if need := int(min(max(size, 0), maxDocumentBytes) + 512); cap(buf)-len(buf) < need {
		grown := make([]byte, len(buf), len(buf)+need)
		copy(grown, buf)
		buf = grown
	}
	data, err := readAll(buf[len(buf):], r, size)
	if err != nil {
		return buf, errors.New("cannot be read: " + pathError(err))
	}
	if len(data) > maxDocumentBytes {
		return buf, fmt.Errorf("is larger than %d MiB", maxDocumentBytes>>20)
	}
	if len(data) > 0 && len(data) <= cap(buf)-len(buf) && &buf[:len(buf)+1][len(buf)] == &data[0] {
		return buf[:len(buf)+len(data)], nil // read in place
	}
	return append(buf, data...), nil // grown past the size given (standard input)
}

// readAll appends r, to its end or to one byte past maxDocumentBytes,
// to the empty slice dst (whose capacity may be used) and returns what
// it read. A file's size, when known, sizes the buffer at once, so that
// a file is read into one buffer of its size instead of one that grows
// by copies; dst's memory is used when it has room for it.
func readAll(dst []byte, r io.Reader, size int64) ([]byte, error) {
	data := dst[:0]
	if want := int(min(max(size, 0), maxDocumentBytes) + 512); cap(data) < want {
		data = make([]byte, 0, want)
	}
	if cap(data) == 0 {
		data = make([]byte, 0, 512)
	}
	r = io.LimitReader(r, maxDocumentBytes+1)
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		n, err := r.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return data, err
		}
	}
}

// opener opens the iCalendar files of a document: a relative path is
// read against the folder of the file that gave the resource, only
// regular files are read, and none may hold more than maxDocumentBytes.
func opener(dir func(resource int) string) func(int, string) (io.ReadCloser, error) {
	return func(resource int, path string) (io.ReadCloser, error) {
		if !filepath.IsAbs(path) {
			path = filepath.Join(dir(resource), path)
		}
		f, err := openRegular(path)
		if err != nil {
			return nil, err
		}
		return &capped{f: f}, nil
	}
}

// capped fails once more than maxDocumentBytes have been read. It is
// used by one reader at a time.
type capped struct {
	f    *os.File
	read int64
}

func (c *capped) Read(p []byte) (int, error) {
	n, err := c.f.Read(p)
	if c.read += int64(n); c.read > maxDocumentBytes {
		return n, fmt.Errorf("is larger than %d MiB", maxDocumentBytes>>20)
	}
	return n, err
}

func (c *capped) Close() error { return c.f.Close() }

// Stat lets a reader size its buffer to the file.
func (c *capped) Stat() (fs.FileInfo, error) { return c.f.Stat() }

// pathError drops the file name from an *os.PathError; the name is
// already the key of the message.
func pathError(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
