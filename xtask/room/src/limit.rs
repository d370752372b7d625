//! A token bucket per learner (the course's rate-limiting lesson, applied): a runner
//! sends one update per verdict, so a learner sending many a second is a loop or a
//! script, and it is slowed without slowing anyone else.

use std::time::Instant;

/// Updates a learner may send at once.
const BURST: f64 = 10.0;
/// Updates a learner may send per second, on average.
const PER_SECOND: f64 = 2.0;

#[derive(Debug, Clone)]
pub struct Bucket {
    tokens: f64,
    /// When `tokens` was last brought up to date; `None` for a full bucket.
    updated: Option<Instant>,
}

impl Default for Bucket {
    fn default() -> Self {
        Bucket {
            tokens: BURST,
            updated: None,
        }
    }
}

impl Bucket {
    /// Takes one token, or says in how many whole seconds one will be there.
    pub fn take(&mut self, now: Instant) -> Result<(), u64> {
        if let Some(updated) = self.updated {
            let refill = now.saturating_duration_since(updated).as_secs_f64() * PER_SECOND;
            self.tokens = (self.tokens + refill).min(BURST);
        }
        self.updated = Some(now);
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            Ok(())
        } else {
            Err(((1.0 - self.tokens) / PER_SECOND).ceil().max(1.0) as u64)
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn a_burst_passes_then_the_rate_holds() {
        let start = Instant::now();
        let mut bucket = Bucket::default();
        for _ in 0..10 {
            assert_eq!(bucket.take(start), Ok(()));
        }
        assert_eq!(bucket.take(start), Err(1));
        // Half a second brings back one update at two a second.
        assert_eq!(bucket.take(start + Duration::from_millis(500)), Ok(()));
        assert!(bucket.take(start + Duration::from_millis(500)).is_err());
        // A long pause refills the bucket, but never beyond the burst.
        let later = start + Duration::from_secs(60);
        for _ in 0..10 {
            assert_eq!(bucket.take(later), Ok(()));
        }
        assert!(bucket.take(later).is_err());
    }
}
