//! What the app has loaded: the blog's manifest, and the post bodies fetched so far.
//!
//! Pages read these from context. Post bodies are kept once rendered, so coming back to a post
//! (the back button) draws it at once, and the browser can restore the scroll position.

use crate::api::{self, LoadError};
use crate::site::Site;
use carnet_core::{Manifest, PostBody};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::HashMap;
use std::ops::Deref;
use std::sync::Arc;

/// The loaded manifest, shared by every page.
#[derive(Clone, Debug, PartialEq)]
pub struct Blog(Arc<Manifest>);

impl Blog {
    /// Wraps a loaded manifest.
    pub fn new(manifest: Manifest) -> Blog {
        Blog(Arc::new(manifest))
    }
}

impl Deref for Blog {
    type Target = Manifest;

    fn deref(&self) -> &Manifest {
        &self.0
    }
}

/// Where a post's body stands.
#[derive(Clone, Debug, PartialEq)]
pub enum BodyState {
    /// Being fetched.
    Loading,
    /// Fetched and rendered to safe HTML.
    Ready(Arc<str>),
    /// Could not be fetched.
    Failed(LoadError),
}

/// The post bodies: fetched on demand, rendered once, kept for the visit.
#[derive(Clone, Copy)]
pub struct PostBodies {
    site: StoredValue<Site>,
    states: RwSignal<HashMap<String, BodyState>>,
}

impl PostBodies {
    /// An empty store fetching from `site`.
    pub fn new(site: Site) -> PostBodies {
        PostBodies {
            site: StoredValue::new(site),
            states: RwSignal::new(HashMap::new()),
        }
    }

    /// Renders and keeps `body`, so its post is drawn without fetching (a pre-rendered page
    /// embeds the bodies it shows).
    pub fn insert(&self, body: &PostBody) {
        let html = render(
            body,
            self.site.with_value(|site| site.base().to_owned()).as_str(),
        );
        self.states.update_untracked(|states| {
            states.insert(body.slug.clone(), BodyState::Ready(html));
        });
    }

    /// The state of `slug`'s body, tracked; starts fetching it the first time it is asked for.
    pub fn get(&self, slug: &str) -> BodyState {
        if let Some(state) = self.states.with(|states| states.get(slug).cloned()) {
            return state;
        }
        // Untracked: this runs while a view reads the store, which must not re-run it.
        self.states.update_untracked(|states| {
            states.insert(slug.to_owned(), BodyState::Loading);
        });
        self.fetch(slug.to_owned());
        BodyState::Loading
    }

    /// Fetches `slug`'s body again, after a failure.
    pub fn retry(&self, slug: &str) {
        self.states.update(|states| {
            states.insert(slug.to_owned(), BodyState::Loading);
        });
        self.fetch(slug.to_owned());
    }

    fn fetch(&self, slug: String) {
        let states = self.states;
        let site = self.site.get_value();
        spawn_local(async move {
            let state = match api::fetch_post_body(&site, &slug).await {
                Ok(body) => BodyState::Ready(render(&body, site.base())),
                Err(error) => BodyState::Failed(error),
            };
            states.update(|states| {
                states.insert(slug, state);
            });
        });
    }
}

fn render(body: &PostBody, base: &str) -> Arc<str> {
    carnet_core::markdown::to_html(&body.markdown, base).into()
}
