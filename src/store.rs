//! What the app has loaded: the blog's index, and the list pages and posts fetched so far.
//!
//! Pages read these from context. The index is loaded before any page shows. List pages and
//! posts are fetched the first time a page asks for them and kept for the visit, so coming
//! back to a page (the back button) draws it at once, and the browser can restore the scroll
//! position. A page's data comes in a bucket file shared with a few other pages
//! (`carnet_core::model::bucket`): those are kept too, so a page that came with another is
//! drawn without a fetch. A post's Markdown is rendered once, the first time it is shown.

use crate::api::{self, LoadError};
use crate::urls::SiteUrls;
use carnet_core::i18n::Language;
use carnet_core::markdown::SafeHtml;
use carnet_core::{paths, Bucket, Index, List, ListPage, Page, PageData, Post};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::HashMap;
use std::future::Future;
use std::hash::Hash;
use std::ops::Deref;
use std::pin::Pin;
use std::sync::Arc;

/// The blog's index, shared by every page.
#[derive(Clone, Debug, PartialEq)]
pub struct SharedIndex(Arc<Index>);

impl SharedIndex {
    /// Wraps a loaded index.
    pub fn new(index: Index) -> SharedIndex {
        SharedIndex(Arc::new(index))
    }
}

impl Deref for SharedIndex {
    type Target = Index;

    fn deref(&self) -> &Index {
        &self.0
    }
}

/// Where something fetched on demand stands.
#[derive(Clone, Debug, PartialEq)]
pub enum Load<T> {
    /// Being fetched.
    Loading,
    /// Here.
    Ready(T),
    /// Could not be fetched.
    Failed(LoadError),
}

/// A post with its body rendered to safe HTML.
#[derive(Clone, Debug, PartialEq)]
pub struct RenderedPost {
    /// The post.
    pub post: Post,
    /// Its body, from `carnet_core::markdown`.
    pub html: SafeHtml,
}

/// The list pages and posts: fetched on demand, kept for the visit.
#[derive(Clone, Copy)]
pub struct Store {
    site: StoredValue<SiteUrls>,
    language: Language,
    /// How many buckets the blog's index says the pages' data is in.
    buckets: StoredValue<usize>,
    lists: Cache<(List, usize), Arc<ListPage>>,
    posts: Cache<String, Arc<RenderedPost>>,
    /// Posts that came in the bucket of another page, rendered when first shown.
    unrendered: StoredValue<HashMap<String, Post>>,
}

impl Store {
    /// An empty store fetching from `site`, rendering posts for a blog in `language`. It finds
    /// the files of pages once it knows the blog's index ([`Store::use_index`]).
    pub fn new(site: SiteUrls, language: Language) -> Store {
        Store {
            site: StoredValue::new(site),
            language,
            buckets: StoredValue::new(1),
            lists: Cache::new(),
            posts: Cache::new(),
            unrendered: StoredValue::new(HashMap::new()),
        }
    }

    /// Takes from the blog's index how many buckets hold the pages' data.
    pub fn use_index(&self, index: &Index) {
        self.buckets.set_value(index.buckets);
    }

    /// Keeps what a pre-rendered page embeds (its list page or its post), so the page is drawn
    /// without fetching; returns the index it carries.
    pub fn insert_page_data(&self, data: PageData) -> SharedIndex {
        self.use_index(&data.index);
        if let Some(page) = data.list {
            self.insert_list_page(page);
        }
        if let Some(post) = data.post {
            // A page embeds its post without the Markdown: the body is taken from the page it
            // hydrates. With neither (the page's body was cleared), the post is fetched.
            match post
                .markdown
                .is_empty()
                .then(crate::page_data::body_in_page)
            {
                Some(Some(html)) => {
                    let slug = post.summary.slug.clone();
                    self.posts
                        .insert(slug, Arc::new(RenderedPost { post, html }));
                }
                Some(None) if cfg!(feature = "hydrate") => {}
                _ => self.insert_post(post),
            }
        }
        SharedIndex::new(data.index)
    }

    /// Keeps `page`, so it is drawn without fetching (a pre-rendered page embeds what it shows).
    pub fn insert_list_page(&self, page: ListPage) {
        self.lists
            .insert((page.list.clone(), page.number), Arc::new(page));
    }

    /// Renders and keeps `post`, so it is drawn without fetching.
    pub fn insert_post(&self, post: Post) {
        let slug = post.summary.slug.clone();
        self.posts.insert(slug, Arc::new(self.render(post)));
    }

    /// Page `number` of `list`, tracked; fetched the first time it is asked for.
    pub fn list_page(&self, list: &List, number: usize) -> Load<Arc<ListPage>> {
        self.lists.get((list.clone(), number), self.list_fetcher())
    }

    /// Fetches page `number` of `list` again, after a failure.
    pub fn retry_list_page(&self, list: &List, number: usize) {
        self.lists
            .refetch((list.clone(), number), self.list_fetcher());
    }

    /// The post `slug`, tracked; fetched the first time it is asked for, unless it came with
    /// another page.
    pub fn post(&self, slug: &str) -> Load<Arc<RenderedPost>> {
        let arrived = self
            .unrendered
            .try_update_value(|posts| posts.remove(slug))
            .flatten();
        if let Some(post) = arrived {
            self.insert_post(post);
        }
        self.posts.get(slug.to_owned(), self.post_fetcher())
    }

    /// Fetches the post `slug` again, after a failure.
    pub fn retry_post(&self, slug: &str) {
        self.posts.refetch(slug.to_owned(), self.post_fetcher());
    }

    /// Starts fetching what the page at `path` (relative to the base) shows, if it is a list
    /// page of `index` or a post, and it was never asked for: called as a reader points at or
    /// focuses a link, so that by their click the page is most often here.
    pub fn prefetch(&self, index: &Index, path: &str) {
        if let Some((list, number)) = List::at(path) {
            if index.has_page(&list, number) {
                let _ = self.list_page(&list, number);
            }
        } else if let Some(slug) = paths::post_slug(path) {
            let _ = self.post(slug);
        }
    }

    fn list_fetcher(&self) -> impl FnOnce((List, usize)) -> Fetch<Arc<ListPage>> {
        let store = *self;
        move |(list, number)| {
            Box::pin(async move {
                let take = |bucket: &mut Bucket| api::take_list_page(bucket, &list, number);
                store
                    .fetch_page(&list.page(number), take)
                    .await
                    .map(Arc::new)
            })
        }
    }

    fn post_fetcher(&self) -> impl FnOnce(String) -> Fetch<Arc<RenderedPost>> {
        let store = *self;
        move |slug| {
            Box::pin(async move {
                let take = |bucket: &mut Bucket| api::take_post(bucket, &slug);
                let post = store.fetch_page(&paths::post(&slug), take).await?;
                Ok(Arc::new(store.render(post)))
            })
        }
    }

    /// Fetches the page at `path` (`take` takes it out of its bucket), keeping the pages that
    /// came with it. A bucket without the page may be a file of a newer build than the index
    /// this tab read: a build with more pages shares them among more files, so every page may
    /// have moved. The index is then read afresh and, if its number of buckets is another, the
    /// page is asked of its new file (and every later page too).
    async fn fetch_page<T>(
        &self,
        path: &str,
        take: impl Fn(&mut Bucket) -> Result<T, LoadError>,
    ) -> Result<T, LoadError> {
        let mut bucket = self.fetch_bucket(path, false).await?;
        let mut page = take(&mut bucket);
        self.keep(bucket);
        if matches!(page, Err(LoadError::NotFound)) && self.buckets_changed().await {
            let mut bucket = self.fetch_bucket(path, true).await?;
            page = take(&mut bucket);
            self.keep(bucket);
        }
        page
    }

    /// Whether the blog's index, read afresh, shares the pages among another number of buckets
    /// than this store was told; if so, the store uses that number from now on.
    async fn buckets_changed(&self) -> bool {
        let site = self.site.get_value();
        match api::fetch_index(&site, true).await {
            Ok(index) if index.buckets != self.buckets.get_value() => {
                self.buckets.set_value(index.buckets);
                true
            }
            _ => false,
        }
    }

    /// Fetches the bucket of the page at `path`, `afresh` bypassing the browser's cache.
    fn fetch_bucket(
        &self,
        path: &str,
        afresh: bool,
    ) -> impl Future<Output = Result<Bucket, LoadError>> {
        let (site, buckets) = (self.site.get_value(), self.buckets.get_value());
        let path = path.to_owned();
        async move { api::fetch_bucket(&site, &path, buckets, afresh).await }
    }

    /// Keeps the pages that came in a bucket with the one asked for: a page nobody asked for
    /// yet is kept for later (a post unrendered until shown), so it is drawn without a fetch; a
    /// page being fetched is ready at once; a page already here, or whose fetch failed, is left
    /// as it is.
    pub fn keep(&self, bucket: Bucket) {
        for page in bucket.pages.into_values() {
            match page {
                Page::List(page) => {
                    self.lists
                        .fill((page.list.clone(), page.number), Arc::new(page));
                }
                Page::Post(post) => {
                    let slug = post.summary.slug.clone();
                    match self.posts.peek(&slug) {
                        None => self.unrendered.update_value(|posts| {
                            posts.insert(slug, *post);
                        }),
                        Some(Load::Loading) => {
                            self.posts.fill(slug, Arc::new(self.render(*post)));
                        }
                        Some(_) => {}
                    }
                }
            }
        }
    }

    fn render(&self, post: Post) -> RenderedPost {
        let base = self.site.with_value(|site| site.base().to_owned());
        render(post, &base, self.language)
    }
}

/// A fetch under way.
type Fetch<V> = Pin<Box<dyn Future<Output = Result<V, LoadError>>>>;

fn render(post: Post, base: &str, language: Language) -> RenderedPost {
    let html = carnet_core::markdown::to_highlighted_html(
        &post.markdown,
        &post.code,
        &post.images,
        base,
        language,
    );
    RenderedPost { post, html }
}

/// Values fetched by key, each fetched once (or again when asked after a failure).
struct Cache<K: 'static, V: 'static> {
    states: RwSignal<HashMap<K, Load<V>>>,
}

impl<K: 'static, V: 'static> Clone for Cache<K, V> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<K: 'static, V: 'static> Copy for Cache<K, V> {}

impl<K, V> Cache<K, V>
where
    K: Clone + Eq + Hash + Send + Sync + 'static,
    V: Clone + Send + Sync + 'static,
{
    fn new() -> Self {
        Cache {
            states: RwSignal::new(HashMap::new()),
        }
    }

    fn insert(&self, key: K, value: V) {
        self.states.update_untracked(|states| {
            states.insert(key, Load::Ready(value));
        });
    }

    /// The state of `key`, tracked; starts `fetch` the first time the key is asked for.
    fn get(&self, key: K, fetch: impl FnOnce(K) -> Fetch<V>) -> Load<V> {
        if let Some(state) = self.states.with(|states| states.get(&key).cloned()) {
            return state;
        }
        // Untracked: this runs while a view reads the store, which must not re-run it.
        self.states.update_untracked(|states| {
            states.insert(key.clone(), Load::Loading);
        });
        self.start(key, fetch);
        Load::Loading
    }

    /// The state of `key`, untracked: none if it was never asked for.
    fn peek(&self, key: &K) -> Option<Load<V>> {
        self.states
            .with_untracked(|states| states.get(key).cloned())
    }

    /// Keeps `value`, which came with another key's, if `key` is not here yet: quietly if it
    /// was never asked for, redrawing who waits for it if it is being fetched.
    fn fill(&self, key: K, value: V) {
        match self.peek(&key) {
            None => self.insert(key, value),
            Some(Load::Loading) => self.states.update(|states| {
                states.insert(key, Load::Ready(value));
            }),
            Some(_) => {}
        }
    }

    /// Marks `key` as loading (redrawing who shows it) and fetches it again.
    fn refetch(&self, key: K, fetch: impl FnOnce(K) -> Fetch<V>) {
        self.states.update(|states| {
            states.insert(key.clone(), Load::Loading);
        });
        self.start(key, fetch);
    }

    fn start(&self, key: K, fetch: impl FnOnce(K) -> Fetch<V>) {
        let states = self.states;
        let loading = fetch(key.clone());
        spawn_local(async move {
            let state = match loading.await {
                Ok(value) => Load::Ready(value),
                Err(error) => Load::Failed(error),
            };
            states.update(|states| {
                // A value that came meanwhile with another key's stays.
                let arrived = matches!(states.get(&key), Some(Load::Ready(_)));
                if !(arrived && matches!(state, Load::Failed(_))) {
                    states.insert(key, state);
                }
            });
        });
    }
}
