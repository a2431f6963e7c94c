//! How long a post takes to read, from its number of words.
//!
//! The content tool counts a post's words when it builds the blog ([`crate::markdown::word_count`]:
//! every word of its text, code included, but not its raw HTML nor its URLs) and writes the count
//! in the post's summary ([`crate::PostSummary::words`]); the app shows [`minutes`] of it.
//! The rule is the usual one: [`WORDS_PER_MINUTE`] words a minute, rounded up, at least one.

/// How many words a reader reads a minute: the figure most reading-time estimates use.
pub const WORDS_PER_MINUTE: usize = 230;

/// The minutes it takes to read `words` words: rounded up, never less than 1.
pub fn minutes(words: usize) -> usize {
    words.div_ceil(WORDS_PER_MINUTE).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minutes_are_rounded_up_and_at_least_one() {
        assert_eq!(minutes(0), 1);
        assert_eq!(minutes(1), 1);
        assert_eq!(minutes(230), 1);
        assert_eq!(minutes(231), 2);
        assert_eq!(minutes(920), 4);
        assert_eq!(minutes(921), 5);
    }
}
