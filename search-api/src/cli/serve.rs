//! `xinfang serve` and the serving half of `xinfang demo`.

use std::sync::Arc;

use xinfang_config::Config;
use xinfang_index::Archive;

/// Serves the archive until Ctrl-C.
pub fn run(archive: Archive, config: Arc<Config>, bind: &str) -> anyhow::Result<()> {
    let _ = (archive, config, bind);
    anyhow::bail!("the HTTP server is not part of this build yet")
}
