package audit

import (
	"container/heap"

	"github.com/mlguard/mlguard/internal/audit/event"
)

// window is a reorder buffer: it holds up to max events and gives back the
// oldest when full, so a stream that is out of order by fewer than max
// events comes out in time order. Ties keep their arrival order.
type window struct {
	max  int
	seq  int
	heap eventHeap
}

type queued struct {
	ev  event.Event
	seq int
}

type eventHeap []queued

func (h eventHeap) Len() int { return len(h) }
func (h eventHeap) Less(i, j int) bool {
	if !h[i].ev.Time.Equal(h[j].ev.Time) {
		return h[i].ev.Time.Before(h[j].ev.Time)
	}
	return h[i].seq < h[j].seq
}
func (h eventHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *eventHeap) Push(x any)   { *h = append(*h, x.(queued)) }
func (h *eventHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// push adds an event and returns the oldest held one when the window is
// full (nil otherwise).
func (w *window) push(ev event.Event) *event.Event {
	heap.Push(&w.heap, queued{ev: ev, seq: w.seq})
	w.seq++
	if w.heap.Len() > w.max {
		return w.pop()
	}
	return nil
}

// pop returns the oldest held event, or nil when none is held.
func (w *window) pop() *event.Event {
	if w.heap.Len() == 0 {
		return nil
	}
	q := heap.Pop(&w.heap).(queued)
	return &q.ev
}
