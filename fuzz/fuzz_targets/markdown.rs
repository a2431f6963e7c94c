//! Arbitrary Markdown rendered by `markdown::to_html` at the root and under `/blog/`: the
//! result, read by the browser-grade oracle of `crates/carnet-core/tests/oracle`, may hold
//! nothing that runs, reaches another document or leaves its container; and the allow-list
//! leaves its own output unchanged.

#![no_main]

#[path = "../../crates/carnet-core/tests/oracle/mod.rs"]
mod oracle;

use carnet_core::i18n::Language;
use carnet_core::markdown::to_html;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let markdown = String::from_utf8_lossy(data);
    // French at the root (its typography too), English under `/blog/`.
    for (base, language) in [("/", Language::French), ("/blog/", Language::English)] {
        let html = to_html(&markdown, base, language);
        if let Err(problems) = oracle::check(html.as_str(), base) {
            panic!(
                "unsafe output (base {base}):\n{problems}\n--- in:\n{markdown}\n--- out:\n{html}"
            );
        }
        // At base `/` site-absolute URLs stay as they are, so any output must come back whole.
        let again = carnet_core::sanitize_html(html.as_str(), "/");
        assert!(
            again == html.as_str(),
            "sanitising the output again changed it (base {base}):\n--- in:\n{markdown}\n\
             --- out:\n{html}\n--- again:\n{again}"
        );
    }
});
