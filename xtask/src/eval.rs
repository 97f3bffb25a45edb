//! `cargo xtask eval capture`: the capture evaluation set (`crates/capture-eval`) run in
//! release (generating and reading a few hundred 1080p captures is minutes in release, far
//! longer unoptimised), printing the verdict, PDF417 and MRZ tables.

use crate::{Ctx, Result};

impl Ctx {
    pub(crate) fn eval(&self, args: &[String]) -> Result {
        match args.first().map(String::as_str) {
            Some("capture") => {
                // The MRZ is printed in OCR-B; Tesseract only when it is compared.
                let mut packages = vec!["fonts-ocr-b"];
                if args
                    .windows(2)
                    .any(|w| w[0] == "--ocr" && w[1] == "tesseract")
                {
                    packages.push("tesseract-ocr");
                }
                self.system_packages(&packages)?;
                self.banner("capture evaluation: crates/capture-eval (release)");
                let mut cargo_args =
                    vec!["run", "--release", "--quiet", "-p", "capture-eval", "--"];
                cargo_args.extend(args[1..].iter().map(String::as_str));
                self.cargo(&cargo_args, &[])
            }
            Some(other) => Err(format!(
                "unknown evaluation `{other}`: the one there is is `capture`"
            )),
            None => Err("which evaluation? `cargo xtask eval capture`".into()),
        }
    }
}
