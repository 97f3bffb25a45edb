fn main() {
    // Declares the app's own commands so that capabilities can grant exactly these.
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(
        tauri_build::AppManifest::new().commands(&[
            "current_view",
            "send_intent",
            "next_preview_frame",
            "review_image",
            "admin_status",
            "admin_first_run_form",
            "admin_choose_pin",
            "admin_unlock",
            "admin_lock",
            "admin_touch",
            "admin_overview",
            "admin_check_settings",
            "admin_save_settings",
            "admin_test_connection",
            "admin_test_settings",
            "admin_choose_camera",
            "admin_restart",
            "admin_preview_camera",
            "admin_stop_preview",
        ]),
    ))
    .expect("tauri-build failed");
}
