fn main() {
    // Declares the app's own commands so that capabilities can grant exactly these.
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(
        tauri_build::AppManifest::new().commands(&[
            "current_view",
            "send_intent",
            "next_preview_frame",
            "review_image",
        ]),
    ))
    .expect("tauri-build failed");
}
