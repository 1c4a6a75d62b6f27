//! What tells that a file changed without reading it.

/// A file as `stat` sees it. Every field must match for the index's row to be used:
///
/// - the size and the modification time, in nanoseconds, catch an edit within the same
///   second that keeps the size;
/// - the change time (ctime) cannot be set back by a program (`touch -d` and `cp -p` set
///   the modification time only, and move ctime forward), so an edit that restores the
///   old mtime is still seen;
/// - the inode and device change when another file is renamed onto the path.
///
/// Contents are not hashed: that would read every file, which is what the index avoids.
/// The one case all this misses, two writes within the file system's clock tick, the
/// second after sherpa read the file, is closed by [`Fingerprint::is_settled`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Fingerprint {
    pub len: u64,
    /// Modification time, nanoseconds since the Unix epoch.
    pub modified: i64,
    /// Change time (ctime), nanoseconds since the Unix epoch; 0 where there is none.
    pub changed: i64,
    pub inode: u64,
    pub device: u64,
}

/// A time `stat` gives as seconds and nanoseconds, in nanoseconds since the Unix epoch.
#[cfg(unix)]
fn nanos(seconds: i64, nanos: i64) -> i64 {
    seconds.saturating_mul(1_000_000_000).saturating_add(nanos)
}

/// How recent a write must be for a file not to be stored: more than the coarsest clock
/// tick of a common file system (FAT's is 2 s; ext4's and APFS's are nanoseconds, but a
/// kernel may stamp with its timer tick).
const SETTLE_NANOS: i64 = 2_000_000_000;

impl Fingerprint {
    /// The fingerprint of what `metadata` describes.
    #[must_use]
    pub fn of(metadata: &std::fs::Metadata) -> Self {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            Self {
                len: metadata.len(),
                modified: nanos(metadata.mtime(), metadata.mtime_nsec()),
                changed: nanos(metadata.ctime(), metadata.ctime_nsec()),
                inode: metadata.ino(),
                device: metadata.dev(),
            }
        }
        #[cfg(not(unix))]
        {
            Self {
                len: metadata.len(),
                modified: metadata
                    .modified()
                    .ok()
                    .and_then(|time| time.duration_since(std::time::UNIX_EPOCH).ok())
                    .and_then(|since| i64::try_from(since.as_nanos()).ok())
                    .unwrap_or(0),
                changed: 0,
                inode: 0,
                device: 0,
            }
        }
    }

    /// The fingerprint of what `stat` describes: the same as [`Fingerprint::of`] gives
    /// for the same file (a test compares them).
    #[cfg(target_os = "linux")]
    #[must_use]
    pub fn of_stat(stat: &rustix::fs::Stat) -> Self {
        Self {
            len: u64::try_from(stat.st_size).unwrap_or(0),
            modified: nanos(
                stat.st_mtime,
                i64::try_from(stat.st_mtime_nsec).unwrap_or(0),
            ),
            changed: nanos(
                stat.st_ctime,
                i64::try_from(stat.st_ctime_nsec).unwrap_or(0),
            ),
            inode: stat.st_ino,
            device: stat.st_dev,
        }
    }

    /// Whether the file was last written long enough before `read_at` (nanoseconds since
    /// the epoch, taken before it was read) that a later write must change this
    /// fingerprint. A file written within [`SETTLE_NANOS`] of being read might be written
    /// again within the same clock tick, keeping its fingerprint: such a file is parsed
    /// but not stored, as git re-checks a "racily clean" file.
    #[must_use]
    pub fn is_settled(&self, read_at: i64) -> bool {
        self.modified.max(self.changed) < read_at.saturating_sub(SETTLE_NANOS)
    }
}

/// Now, in nanoseconds since the Unix epoch (0 on a clock set before 1970, so that nothing
/// counts as settled).
#[must_use]
pub fn now_nanos() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()
        .and_then(|since| i64::try_from(since.as_nanos()).ok())
        .unwrap_or(0)
}
