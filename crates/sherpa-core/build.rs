//! Rebuild when the bundled briefings change: they are compiled into the binary.
fn main() {
    println!("cargo:rerun-if-changed=../../briefings");
}
