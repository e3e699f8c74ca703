// Builds the lean plotly.js bundle with plotly.js's own partial-bundle task
// (node_modules/plotly.js/tasks/partial_bundle.mjs, the one behind `npm run custom-bundle`).
//
// Usage: node build.mjs [outdir]   (default: dist/): writes one bundle per kind of page and
// plotly.LICENSE.txt (all of them). `make plotly-bundle` runs this after `npm ci` and copies the
// result to assets/vendor/. Each page loads only its own (dashboard/web/static_assets.py):
//   plotly-hanoi.min.js        the dashboard, /embed/unit/*, /embed/overlay/*:
//                              choroplethmap (city, unit and split-ward maps: MapLibre),
//                              scattermap (names on the split-ward map), bar (compare, facts)
//   plotly-hanoi-geo.min.js    /embed/map: choropleth (the vector print map, plotly geo)
//   plotly-hanoi-chart.min.js  /embed/chart/*, /embed/facts: bar
// (dashboard/figures/ draws nothing else.) `scatter` is always in plotly.js's core. World
// calendars are left out: no figure sets a non-Gregorian calendar (custom_bundle.mjs would always
// add them, hence this script).
import fs from 'fs';
import path from 'path';
import { fileURLToPath } from 'url';

import runSeries from 'run-series';

import { esbuildConfig } from 'plotly.js/esbuild-config.js';
import partialBundle from 'plotly.js/tasks/partial_bundle.mjs';
import constants from 'plotly.js/tasks/util/constants.js';

export const BUNDLES = [
    { name: 'hanoi', traces: ['bar', 'choroplethmap', 'scatter', 'scattermap'] },
    { name: 'hanoi-geo', traces: ['choropleth', 'scatter'] },
    { name: 'hanoi-chart', traces: ['bar', 'scatter'] },
];

const here = path.dirname(fileURLToPath(import.meta.url));
const outDir = path.resolve(here, process.argv[2] || 'dist');
fs.mkdirSync(outDir, { recursive: true });

// Notes which npm packages esbuild put into the bundles, for the licence file. The task's own
// esbuild config is used as it is; this plugin only reads the metafile (output bytes unchanged).
const bundled = new Set();
esbuildConfig.plugins.push({
    name: 'hanoi-list-packages',
    setup(build) {
        build.initialOptions.metafile = true;
        build.onEnd((result) => {
            for (const input of Object.keys(result.metafile ? result.metafile.inputs : {})) {
                const m = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//g);
                if (m) bundled.add(m[m.length - 1].slice('node_modules/'.length, -1));
            }
        });
    },
});

const version = JSON.parse(fs.readFileSync(path.join(constants.pathToRoot, 'package.json'))).version;

function buildOne({ name, traces }) {
    const out = path.join(outDir, `plotly-${name}.min.js`);
    const index = path.join(constants.pathToLib, `index-${name}.js`);
    const tasks = [];
    partialBundle(tasks, {
        name,
        traceList: traces,
        calendars: false,
        strict: false,
        // the generated entry file (lib/index-<name>.js inside node_modules), deleted after
        index,
        deleteIndex: true,
        distMin: out,
    });
    return new Promise((resolve, reject) => {
        // tasks: [write the index, unminified bundle, minified bundle]; only the minified one is kept.
        runSeries([tasks[0], tasks[2]], (err) => {
            if (err) return reject(err);
            // prepend-file writes the licence header synchronously, but the wrapper's tail is
            // appended asynchronously: wait until the file ends with it before touching the header.
            const deadline = Date.now() + 30000;
            const finish = () => {
                const text = fs.readFileSync(out, 'utf8');
                if (!text.trimEnd().endsWith('}));')) {
                    if (Date.now() > deadline) return reject(new Error(`${out} was not completed`));
                    setTimeout(finish, 100);
                    return;
                }
                // The header says "Copyright 2012-<year of the build>": use the year of the
                // release's own dist/plotly.min.js instead so that the same inputs give the same bytes.
                const dist = fs.readFileSync(path.join(constants.pathToDist, 'plotly.min.js'), 'utf8');
                const released = dist.slice(0, 300).match(/Copyright 2012-(\d{4})/)[1];
                const fixed = text.replace(/Copyright 2012-\d{4}/, `Copyright 2012-${released}`);
                fs.writeFileSync(out, fixed);
                fs.rmSync(index, { force: true });
                console.log(`${out}: plotly.js v${version}, traces ${traces.join(',')}, ${fixed.length} bytes`);
                resolve();
            };
            finish();
        });
    });
}

for (const bundle of BUNDLES) {
    await buildOne(bundle);
}
writeLicence(path.join(outDir, 'plotly.LICENSE.txt'));

// plotly.js's licence, then name, version, licence and licence text of every bundled package.
function writeLicence(file) {
    const modules = path.join(here, 'node_modules');
    const licenceText = (dir) => {
        const name = fs.readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
        return name ? fs.readFileSync(path.join(dir, name), 'utf8').trim() : '';
    };
    const parts = [
        ...BUNDLES.map(
            ({ name, traces }) =>
                `plotly-${name}.min.js is a partial build of plotly.js v${version}` +
                ` (traces: ${traces.join(', ')}), made by frontend/plotly/build.mjs.`,
        ),
        '',
        '== plotly.js ==',
        licenceText(constants.pathToRoot),
    ];
    for (const name of [...bundled].filter((n) => n !== 'plotly.js').sort()) {
        const dir = path.join(modules, name);
        const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
        const text = licenceText(dir);
        parts.push('', `== ${name} ${pkg.version} (${pkg.license || 'see text'}) ==`,
            text || `No licence file in the package; package.json says: ${pkg.license}`);
    }
    fs.writeFileSync(file, parts.join('\n') + '\n');
    console.log(`${file}: ${bundled.size} packages`);
}
