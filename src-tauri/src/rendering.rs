//! How WebKitGTK draws the window on a machine with no GPU.
//!
//! WebKitGTK draws pages with Skia on the GPU through OpenGL. Where the machine has no
//! GPU (a virtual machine, a remote desktop, a container), Mesa stands in with OpenGL
//! emulated on the processor, and the window pays for that emulation: measured on a
//! 100,000-prospect book, about 100 ms more to the first frame and more memory kept for
//! tiles and buffers (BENCHMARKS.md, *Launch*). Skia's own CPU rasterizer does the same
//! drawing without the emulation, so there the app asks WebKit for it. On a machine with
//! a GPU nothing changes, and a choice the user made in the environment is kept.

/// WebKitGTK's switch for Skia's CPU rasterizer.
#[cfg(target_os = "linux")]
const CPU_RENDERING: &str = "WEBKIT_SKIA_ENABLE_CPU_RENDERING";

/// Chooses CPU drawing when there is no GPU to draw with. Called first thing in `run`,
/// before any thread starts (the environment is process-wide) and before WebKit reads it.
pub fn choose() {
    #[cfg(target_os = "linux")]
    if std::env::var_os(CPU_RENDERING).is_none() && !has_gpu() {
        std::env::set_var(CPU_RENDERING, "1");
    }
}

/// Whether the kernel offers a GPU to render with: a DRM render node, which any GPU
/// driver with OpenGL support provides (and which Mesa's OpenGL on the processor does
/// not need).
#[cfg(target_os = "linux")]
fn has_gpu() -> bool {
    std::fs::read_dir("/dev/dri").is_ok_and(|nodes| {
        nodes
            .flatten()
            .any(|node| node.file_name().to_string_lossy().starts_with("renderD"))
    })
}
