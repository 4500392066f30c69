//! Helpers shared by the integration tests: fixture loading and the `.http` fixture format. The
//! proptest strategies are the crate's own kit, `twinmaker_syncjob::testkit` (feature `proptest`).

// Each test crate uses a different subset; the strategies are written as a public API because they
// are meant to move into the crate's `proptest` feature module.
#![allow(dead_code, unreachable_pub, reason = "shared by several test crates, each using a subset")]

pub mod http;

use std::path::{Path, PathBuf};

/// The folder of the hand-written fixtures.
pub fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("fixtures")
}

/// The bytes of one fixture, by its path under `tests/fixtures/`.
pub fn fixture(name: &str) -> Vec<u8> {
    let path = fixture_dir().join(name);
    std::fs::read(&path).unwrap_or_else(|err| panic!("cannot read fixture {}: {err}", path.display()))
}

/// The folders of payload fixtures, one per operation plus API errors. (Other folders under
/// `tests/fixtures/` belong to other tests.)
pub const PAYLOAD_DIRS: [&str; 5] = ["create_sync_job", "delete_sync_job", "errors", "get_sync_job", "list_sync_jobs"];

/// Every payload fixture (`.json` and `.http` in [`PAYLOAD_DIRS`]), as paths relative to
/// `tests/fixtures/`, sorted, with `/` separators.
pub fn all_fixtures() -> Vec<String> {
    let mut out = Vec::new();
    for dir in PAYLOAD_DIRS {
        let path = fixture_dir().join(dir);
        let entries = std::fs::read_dir(&path).unwrap_or_else(|err| panic!("cannot list {}: {err}", path.display()));
        for entry in entries {
            let file = entry.expect("directory entry").path();
            let name = file.file_name().expect("a file name").to_string_lossy().into_owned();
            if file.is_file() && (name.ends_with(".json") || name.ends_with(".http")) {
                out.push(format!("{dir}/{name}"));
            }
        }
    }
    out.sort();
    out
}
