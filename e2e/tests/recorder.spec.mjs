// The privacy tests are only as good as their detectors: this proves the request recorder
// and the storage check catch what they claim to, so a leak would fail widget.spec.mjs.
import { test, expect } from '@playwright/test';
import { expectNothingStored, expectOnlyOwnAssets, openWidget, ownSources, recordRequests } from './helpers.mjs';

test('the request recorder catches fetches, beacons, images and websockets after load', async ({ page, context, baseURL }) => {
  const log = await recordRequests(context, page, baseURL);
  const response = await openWidget(page);
  const html = await ownSources(page, response);
  expectOnlyOwnAssets(log, html, baseURL);
  log.setMark();
  await page.evaluate(() => {
    fetch('/same-origin.json').catch(() => {});
    fetch('https://example.com/x').catch(() => {});
    navigator.sendBeacon('https://example.org/beacon', 'a');
    new Image().src = 'https://img.example.net/p.gif';
    new WebSocket('ws://127.0.0.1:9/ws');
  });
  const sent = ['/same-origin.json', 'https://example.com/x', 'https://example.org/beacon', 'https://img.example.net/p.gif', 'ws://127.0.0.1:9/ws'];
  await expect.poll(() => sent.filter((u) => log.since().some((r) => r.includes(u)))).toEqual(sent);
  expect(log.offOrigin.sort()).toEqual(['https://example.com/x', 'https://example.org/beacon', 'https://img.example.net/p.gif']);
  expect(() => expectOnlyOwnAssets(log, html, baseURL)).toThrow();
});

test('the storage check catches Web Storage and cookies', async ({ page, context }) => {
  await openWidget(page);
  await expectNothingStored(context, page);
  await page.evaluate(() => localStorage.setItem('answer', 'x'));
  await expect(expectNothingStored(context, page)).rejects.toThrow();
  await page.evaluate(() => {
    localStorage.clear();
    document.cookie = 'answer=x';
  });
  await expect(expectNothingStored(context, page)).rejects.toThrow();
});
