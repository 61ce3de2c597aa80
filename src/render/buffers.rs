//! Output buffers kept per thread between pages. A page's bytes are written
//! out as soon as it is rendered, so its buffer can serve the next page: no
//! growing a fresh buffer from empty, no fresh memory to fault in.

use std::cell::RefCell;

/// Buffers larger than this go back to the allocator.
const KEEP_AT_MOST: usize = 16 << 20;

thread_local! {
    static SPARE: RefCell<Vec<Vec<u8>>> = const { RefCell::new(Vec::new()) };
}

/// An empty buffer with room for `room` bytes (at least): from an
/// earlier page when one is large enough.
pub fn take(room: usize) -> Vec<u8> {
    let room = room.max(32 * 1024);
    SPARE
        .with(|spare| {
            let mut spare = spare.borrow_mut();
            let fits = spare.iter().rposition(|b| b.capacity() >= room)?;
            Some(spare.swap_remove(fits))
        })
        .unwrap_or_else(|| Vec::with_capacity(room))
}

/// Hands `buffer` back for the next page rendered on this thread.
pub fn give_back(mut buffer: Vec<u8>) {
    if buffer.capacity() <= KEEP_AT_MOST {
        buffer.clear();
        SPARE.with(|spare| {
            let mut spare = spare.borrow_mut();
            if spare.len() < 2 {
                spare.push(buffer);
            }
        });
    }
}
