//! The form component: live, cited feedback inside a portal's existing `<form>`.
//!
//! [`words`] and [`reveal`] are pure and tested natively; the rest runs in the browser, on
//! web-sys, with gloo's event listeners and timer, and is tested there (`tests/form_browser.rs`,
//! wasm-bindgen-test in headless Chromium, and the demo's Playwright suite).
//!
//! An edit reaches the [`LiveValidator`](crate::live::LiveValidator) as a Rust value and its
//! delta is applied to the page in Rust: nothing crosses to JavaScript for a keystroke. The page is
//! patched by key (the module `keyed`): a verdict, a message or a summary entry is touched only when it
//! changed.

pub mod reveal;
pub mod words;

#[cfg(all(target_arch = "wasm32", feature = "form"))]
mod attachment;
#[cfg(all(target_arch = "wasm32", feature = "form"))]
mod controls;
#[cfg(all(target_arch = "wasm32", feature = "form"))]
mod keyed;
#[cfg(all(target_arch = "wasm32", feature = "form"))]
mod steady;
#[cfg(all(target_arch = "wasm32", feature = "form"))]
mod view;

#[cfg(all(target_arch = "wasm32", feature = "form"))]
pub use attachment::FormHandle;
