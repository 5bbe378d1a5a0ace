<?php
/**
 * The block editor script's dependencies (WordPress's own script handles) and version.
 * index.js is a plain script on these globals: no build step.
 *
 * @package Selfcheck
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

return array(
	'dependencies' => array( 'wp-blocks', 'wp-block-editor', 'wp-components', 'wp-element', 'wp-i18n', 'wp-server-side-render' ),
	'version'      => '0.0.0-dev',
);
