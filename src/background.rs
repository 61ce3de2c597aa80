//! Work handed to a thread of its own so that the caller need not wait for
//! it: freeing large structures, which every stage does at its end.

/// Drops `value` on a thread of its own, so that freeing a large structure
/// piece by piece does not hold up the caller. When no thread can be
/// started, it is dropped here instead.
pub fn drop_in_background<T: Send + 'static>(value: T) {
    let _ = std::thread::Builder::new()
        .name("free".into())
        .spawn(move || drop(value));
}
