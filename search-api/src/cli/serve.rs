//! `xinfang serve` and the serving half of `xinfang demo`.

use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::Context;
use xinfang_config::Config;
use xinfang_index::Archive;

use crate::server::{self, AppState};

/// Serves the archive until Ctrl-C or SIGTERM, printing the URL once bound.
pub fn run(archive: Archive, config: Arc<Config>, bind: &str) -> anyhow::Result<()> {
    let addr: SocketAddr = bind
        .parse()
        .with_context(|| format!("`{bind}` is not an address to listen on (e.g. 127.0.0.1:8080)"))?;
    if !addr.ip().is_loopback() {
        tracing::warn!(target: "server", %addr, "listening beyond loopback: letters are sensitive, put authentication in front");
    }
    let state = AppState::new(Arc::new(archive), config);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(server::serve(state, addr, |real| {
        say!("xinfang is serving on http://{real}/  (Ctrl-C to stop)");
    }))?;
    Ok(())
}
