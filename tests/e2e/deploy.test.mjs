// A blog rebuilt and deployed while a reader has it open, in Chromium, Firefox and WebKit: the
// tab keeps the index it was given, the host now sends the new build's files. A new build with
// more pages shares them among more data files (carnet_core::model::bucket_count), so the file
// the old index names for a page may hold other pages: the app must still find the page, and
// draw it itself, not say « Page introuvable ».
import { after, before } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  BUILD_ROOT,
  DIST,
  POSTS,
  browserSuites,
  clickLink,
  expectPost,
  fnv1a,
  readBucket,
  marker,
  open,
  postPath,
  servedSuite,
  setMarker,
} from "./harness.mjs";

const [COMMUNITY, , B2B] = POSTS;
/** Posts the new build adds to the seed's three: enough for more data files. */
const ADDED = 12;

/**
 * The seed blog with ADDED more posts, built by `carnet build` over a copy of `dist` (the same
 * app, as a deploy of new posts is): its folder.
 */
function grownBuild() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "carnet-deploy-"));
  const content = path.join(work, "content");
  const dist = path.join(work, "dist");
  fs.cpSync("content", content, { recursive: true });
  for (let n = 1; n <= ADDED; n++) {
    const day = String(n).padStart(2, "0");
    fs.writeFileSync(
      path.join(content, "posts", `billet-ajoute-${n}.md`),
      `+++\ntitle = "Billet ajouté ${n}"\ndate = 2008-12-${day}\ncategory = "Actus"\n+++\n\nUn billet de plus.\n`,
    );
  }
  fs.cpSync(DIST, dist, { recursive: true });
  // scripts/carnet: the build of the content tool scripts/test chose (CARNET_TOOL_PROFILE).
  execFileSync("scripts/carnet", ["build", "--content", content, "--out", dist], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  return dist;
}

/** The number of data files a build's index says its pages are in. */
const buckets = (dist) => JSON.parse(fs.readFileSync(path.join(dist, "data/index.json"), "utf8")).buckets;

browserSuites("a new build deployed under an open tab", (browserName) => {
  const { site, pageTest } = servedSuite(browserName, DIST, BUILD_ROOT);
  let grown;
  before(() => {
    grown = grownBuild();
    // What makes the test mean something: the file the old index names for the post, in the
    // new build, does not hold it.
    const key = postPath(B2B).slice(1);
    const stale = path.join(grown, `data/pages/${fnv1a(key) % BigInt(buckets(DIST))}.json.gz`);
    assert.notEqual(buckets(grown), buckets(DIST));
    assert.ok(!fs.existsSync(stale) || !(key in readBucket(stale)), `${stale} holds ${key}`);
  });
  after(() => fs.rmSync(path.dirname(grown), { recursive: true, force: true }));

  pageTest("a post whose data moved to another file is found there and drawn by the app", async ({ page }) => {
    await open(page, site, postPath(COMMUNITY));
    await setMarker(page);
    site.server.live.root = grown;
    try {
      await clickLink(page, "aside.sidebar", B2B.title);
      await expectPost(page, site, B2B);
      assert.equal(await marker(page), 1, "the app drew it, without loading a page");
    } finally {
      site.server.live.root = DIST;
    }
  });
});
