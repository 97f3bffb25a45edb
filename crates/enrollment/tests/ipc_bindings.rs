//! The UI's IPC types are generated from the Rust ones; this keeps the committed copy honest.

use std::path::PathBuf;

#[test]
fn ui_bindings_match_the_rust_types() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/ipc/bindings.ts");
    let generated = enrollment::view::typescript_bindings();
    if std::env::var_os("UPDATE_IPC_BINDINGS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &generated).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "{} is out of date with the Rust IPC types: run `cargo xtask bindings`",
        path.display()
    );
}
