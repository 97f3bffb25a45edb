//! Process-level protections for a machine that handles identity documents.

/// Release builds never write a core dump: it would hold images and names from memory.
pub fn disable_core_dumps() {
    #[cfg(all(unix, not(debug_assertions)))]
    {
        let none = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: plain system calls on this process with valid arguments.
        unsafe {
            libc::setrlimit(libc::RLIMIT_CORE, &none);
            #[cfg(target_os = "linux")]
            libc::prctl(libc::PR_SET_DUMPABLE, 0, 0, 0, 0);
        }
    }
}
