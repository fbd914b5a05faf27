//! The browser entry point. Pages are rendered on the server; the loader in the page calls
//! `hydrate` and then wakes each island (`#[island]` components of `app`, exported by wasm-bindgen).

// Linking `app` brings its islands' exports into the module.
pub use app::*;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
