//! The wasm entry Trunk builds: mounts the app into the page's body.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(carnet::App);
}
