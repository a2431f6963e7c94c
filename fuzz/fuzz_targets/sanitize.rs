//! Arbitrary HTML straight through the allow-list (`carnet_core::sanitize_html`, built only for
//! fuzzing), without Markdown in front of it to mangle it first: the result must satisfy the
//! oracle of `crates/carnet-core/tests/oracle` and come back unchanged from a second pass.

#![no_main]

#[path = "../../crates/carnet-core/tests/oracle/mod.rs"]
mod oracle;

use carnet_core::sanitize_html;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    for base in ["/", "/blog/"] {
        let html = sanitize_html(&input, base);
        if let Err(problems) = oracle::check(&html, base) {
            panic!("unsafe output (base {base}):\n{problems}\n--- in:\n{input}\n--- out:\n{html}");
        }
        let again = sanitize_html(&html, "/");
        assert!(
            again == html,
            "sanitising the output again changed it (base {base}):\n--- in:\n{input}\n\
             --- out:\n{html}\n--- again:\n{again}"
        );
    }
});
