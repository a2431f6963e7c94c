//! Work spread over the machine's cores, for the content tool: the posts of a big blog are read
//! and indexed independently of each other, and a rebuild under `trunk serve` waits on them.

/// `work` done on each of `items`, in order, the items cut in as many runs as the machine has
/// cores, each on a thread of its own; on one core (or where threads cannot be made, as in a
/// browser) on this thread.
pub fn on_every_core<'a, T: Sync, U: Send>(
    items: &'a [T],
    work: impl Fn(&'a T) -> U + Sync,
) -> Vec<U> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    if cores == 1 || items.len() < 2 {
        return items.iter().map(work).collect();
    }
    let run = items.len().div_ceil(cores);
    std::thread::scope(|scope| {
        let threads: Vec<_> = items
            .chunks(run)
            .map(|run| scope.spawn(|| run.iter().map(&work).collect::<Vec<U>>()))
            .collect();
        threads
            .into_iter()
            .flat_map(|thread| match thread.join() {
                Ok(done) => done,
                Err(panic) => std::panic::resume_unwind(panic),
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_item_is_worked_on_once_in_order() {
        let items: Vec<u32> = (0..1001).collect();
        assert_eq!(
            on_every_core(&items, |n| n * 2),
            items.iter().map(|n| n * 2).collect::<Vec<_>>()
        );
        assert_eq!(on_every_core(&[] as &[u32], |n| *n), Vec::<u32>::new());
    }
}
