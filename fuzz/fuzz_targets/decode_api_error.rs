//! Any header value, status and body through the API-error decoders: never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use twinmaker_syncjob::decode::{decode_api_error, decode_http_error};

fuzz_target!(|input: (Option<u16>, Option<String>, Vec<u8>)| {
    let (status, header, body) = input;
    let _ = decode_api_error(&body);
    if let Ok(error) = decode_http_error(status, header.as_deref(), &body) {
        assert!(!error.kind.as_str().is_empty());
        if status.is_some() {
            assert_eq!(error.http_status, status);
        }
    }
});
