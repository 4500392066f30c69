//! Any bytes through every document decoder, lenient and strict: never a panic; what decodes
//! re-encodes and decodes to the same value in every form.
#![no_main]

use libfuzzer_sys::fuzz_target;
use twinmaker_syncjob::decode::{Decode, DecodeOptions, Document};
use twinmaker_syncjob::encode::{Encode, Form};
use twinmaker_syncjob::model::{
    CreateSyncJobResponse, DeleteSyncJobResponse, ListSyncJobsPage, SyncJobSnapshot, SyncJobSummary,
};

fuzz_target!(|data: &[u8]| {
    for options in
        [DecodeOptions::new(), DecodeOptions::new().strict(true), DecodeOptions::new().max_document_bytes(64)]
    {
        let _ = SyncJobSnapshot::decode_with(data, &options);
        let _ = SyncJobSummary::decode_with(data, &options);
        let _ = ListSyncJobsPage::decode_with(data, &options);
        let _ = CreateSyncJobResponse::decode_with(data, &options);
        let _ = DeleteSyncJobResponse::decode_with(data, &options);
        if let Ok(document) = Document::decode_with(data, &options) {
            for form in [Form::Wire, Form::Cli, Form::Canonical] {
                let encoded = document.encode(form);
                let again =
                    Document::decode_with(encoded.as_bytes(), &DecodeOptions::new().max_document_bytes(usize::MAX));
                // Wire timestamps are exact from 1698 to 2242 only, and the wire form of an API error
                // does not carry its HTTP status: compare the canonical re-encodings instead.
                let again =
                    again.unwrap_or_else(|err| panic!("{form:?} re-encoding does not decode: {err}\n{encoded}"));
                if form != Form::Wire {
                    assert_eq!(again.encode(Form::Canonical), document.encode(Form::Canonical), "{form:?}");
                }
            }
        }
    }
});
