<?php
/**
 * Plugin Name:       Selfcheck
 * Description:       A private self-check for therapy practices: a few questions, tailored advice and crisis contacts, entirely in the visitor's browser. Use the Self-check block or the [selfcheck] shortcode.
 * Version:           0.0.0-dev
 * Requires at least: 6.1
 * Requires PHP:      7.4
 * Author:            The selfcheck contributors
 * License:           MIT OR Apache-2.0
 * License URI:       https://opensource.org/license/mit
 * Text Domain:       selfcheck
 * Domain Path:       /languages
 * Update URI:        false
 *
 * The widget's files are in assets/; the block is in block/. The plugin makes no remote
 * request and sets no cookie; the widget sends nothing and stores nothing in the visitor's
 * browser. build-info.php (flows, languages, regions and the crisis strips the engine
 * renders) is written by `cargo xtask release`. "Update URI: false" keeps WordPress from
 * offering another "selfcheck" plugin of the directory as an update to this zip.
 *
 * @package Selfcheck
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

define( 'SELFCHECK_VERSION', '0.0.0-dev' );
define( 'SELFCHECK_OPTION', 'selfcheck_settings' );

/**
 * Regions the widget knows, with the static contacts shown until it starts (and if it
 * cannot). Mirrors data/crisis-contacts.toml: the emergency number, then the main crisis line.
 *
 * @return array<string, array{label: string, contacts: array<int, array{0: string, 1: string}>}>
 */
function selfcheck_regions() {
	return array(
		'us' => array(
			'label'    => __( 'United States', 'selfcheck' ),
			'contacts' => array( array( '911', '911' ), array( '988', '988' ) ),
		),
		'ca' => array(
			'label'    => __( 'Canada', 'selfcheck' ),
			'contacts' => array( array( '911', '911' ), array( '988', '988' ) ),
		),
		'mx' => array(
			'label'    => __( 'Mexico', 'selfcheck' ),
			'contacts' => array( array( '911', '911' ), array( 'Línea de la Vida 800 911 2000', '8009112000' ) ),
		),
		'uk' => array(
			'label'    => __( 'United Kingdom', 'selfcheck' ),
			'contacts' => array( array( '999', '999' ), array( 'Samaritans 116 123', '116123' ) ),
		),
		'ie' => array(
			'label'    => __( 'Ireland', 'selfcheck' ),
			'contacts' => array( array( '112', '112' ), array( 'Samaritans 116 123', '116123' ) ),
		),
		'fr' => array(
			'label'    => __( 'France', 'selfcheck' ),
			'contacts' => array( array( '112', '112' ), array( '3114', '3114' ) ),
		),
		'es' => array(
			'label'    => __( 'Spain', 'selfcheck' ),
			'contacts' => array( array( '112', '112' ), array( '024', '024' ) ),
		),
		'au' => array(
			'label'    => __( 'Australia', 'selfcheck' ),
			'contacts' => array( array( '000', '000' ), array( 'Lifeline 13 11 14', '131114' ) ),
		),
		'nz' => array(
			'label'    => __( 'New Zealand', 'selfcheck' ),
			'contacts' => array( array( '111', '111' ), array( '1737', '1737' ) ),
		),
		'eu' => array(
			'label'    => __( 'Europe (112)', 'selfcheck' ),
			'contacts' => array( array( '112', '112' ) ),
		),
	);
}

/**
 * What this release's build holds, written into build-info.php by `cargo xtask release`
 * from the build itself (never by hand): the default flow, each flow's title and
 * languages, the languages' names, the regions' names and codes, and the crisis strip the
 * widget shows for each language and region, rendered by the engine. In the source tree,
 * before packaging, the file is absent and every list is empty.
 *
 * @return array{default_flow: string, flows: array, languages: array, regions: array, strips: array}
 */
function selfcheck_build() {
	static $build = null;
	if ( null === $build ) {
		$file  = __DIR__ . '/build-info.php';
		$read  = is_readable( $file ) ? include $file : array();
		$build = array_merge(
			array(
				'default_flow' => '',
				'flows'        => array(),
				'languages'    => array(),
				'regions'      => array(),
				'strips'       => array(),
				'contacts_checked' => '',
			),
			is_array( $read ) ? $read : array()
		);
	}
	return $build;
}

/**
 * The base of a language tag or locale ("fr-CA", "fr_FR" → "fr").
 *
 * @param string $code A language tag or a WordPress locale.
 * @return string
 */
function selfcheck_base_lang( $code ) {
	$parts = preg_split( '/[-_]/', strtolower( trim( (string) $code ) ) );
	return is_array( $parts ) ? (string) $parts[0] : '';
}

/**
 * The language of the static contacts: the chosen language if the build has its words,
 * else the site's, else English.
 *
 * @param string $lang The lang setting, or ''.
 * @return string
 */
function selfcheck_fallback_lang( $lang ) {
	$build = selfcheck_build();
	foreach ( array( $lang, get_locale() ) as $code ) {
		$base = selfcheck_base_lang( $code );
		if ( '' !== $base && isset( $build['strips'][ $base ] ) ) {
			return $base;
		}
	}
	return 'en';
}

/**
 * Where a practice keeps packs of its own flows (made with `selfcheck pack` or the studio):
 * wp-content/uploads/selfcheck/, which plugin updates leave alone.
 *
 * @return array{dir: string, url: string}
 */
function selfcheck_own_packs_location() {
	$uploads = wp_upload_dir( null, false );
	return array(
		'dir' => trailingslashit( $uploads['basedir'] ) . 'selfcheck',
		'url' => trailingslashit( $uploads['baseurl'] ) . 'selfcheck',
	);
}

/**
 * The flows a practice added itself, by id with their languages: `<flow>.<lang>.pack` files
 * of flows the build does not have, in uploads/selfcheck/ (which the loader is told about
 * with `data-packs`, see selfcheck_packs_base()) or, as before, in the plugin's
 * assets/packs/ (lost at the next update).
 *
 * @return array<string, array{langs: string[], loadable: string[]}>
 */
function selfcheck_own_flows() {
	$build = selfcheck_build();
	$own   = array();
	$where = selfcheck_own_packs_location();
	foreach ( array( 'uploads' => $where['dir'], 'assets' => __DIR__ . '/assets/packs' ) as $kind => $dir ) {
		$files = is_dir( $dir ) ? glob( $dir . '/*.pack' ) : array();
		foreach ( is_array( $files ) ? $files : array() as $file ) {
			if ( ! preg_match( '/^([a-z0-9][a-z0-9-]{0,63})\.([a-z]{2,3})\.pack$/', basename( $file ), $m ) || isset( $build['flows'][ $m[1] ] ) ) {
				continue;
			}
			if ( ! isset( $own[ $m[1] ] ) ) {
				$own[ $m[1] ] = array(
					'langs'    => array(),
					'loadable' => array(),
				);
			}
			$own[ $m[1] ]['langs'][] = $m[2];
			// With data-packs the loader looks in uploads/selfcheck/ only for flows the build
			// does not have; without it (no pack there), beside itself.
			if ( 'uploads' === $kind || '' === selfcheck_packs_base() ) {
				$own[ $m[1] ]['loadable'][] = $m[2];
			}
		}
	}
	foreach ( $own as $id => $flow ) {
		$own[ $id ]['langs']    = array_values( array_unique( $flow['langs'] ) );
		$own[ $id ]['loadable'] = array_values( array_unique( $flow['loadable'] ) );
	}
	return $own;
}

/**
 * A region's name in a language, from the build (the crisis directory's names), else the
 * plugin's own label.
 *
 * @param string $code A region code.
 * @param string $lang A language code.
 * @return string
 */
function selfcheck_region_name( $code, $lang ) {
	$build   = selfcheck_build();
	$regions = selfcheck_regions();
	if ( isset( $build['regions'][ $code ]['names'] ) ) {
		$names = $build['regions'][ $code ]['names'];
		if ( isset( $names[ $lang ] ) ) {
			return $names[ $lang ];
		}
		if ( isset( $names['en'] ) ) {
			return $names['en'];
		}
	}
	return isset( $regions[ $code ] ) ? $regions[ $code ]['label'] : $code;
}

/**
 * The settings' defaults.
 *
 * @return array<string, string>
 */
function selfcheck_defaults() {
	return array(
		'region'         => '',
		'lang'           => '',
		'flow'           => '',
		'practice_name'  => '',
		'practice_phone' => '',
		'practice_url'   => '',
		'exit_url'       => '',
	);
}

/**
 * The saved settings merged over the defaults.
 *
 * @return array<string, string>
 */
function selfcheck_settings() {
	$saved = get_option( SELFCHECK_OPTION, array() );
	return array_merge( selfcheck_defaults(), is_array( $saved ) ? $saved : array() );
}

/**
 * A region code as the widget reads it ('gb' is the ISO alias of 'uk'), or '' if unknown.
 *
 * @param string $region The code given.
 * @return string
 */
function selfcheck_region( $region ) {
	$region = strtolower( trim( (string) $region ) );
	if ( 'gb' === $region ) {
		$region = 'uk';
	}
	return array_key_exists( $region, selfcheck_regions() ) ? $region : '';
}

/**
 * Cleans one setting; shared by the settings page and the shortcode.
 *
 * @param string $key   The setting.
 * @param mixed  $value The raw value.
 * @return string
 */
function selfcheck_clean( $key, $value ) {
	$value = is_scalar( $value ) ? trim( (string) $value ) : '';
	switch ( $key ) {
		case 'region':
			return selfcheck_region( $value );
		case 'lang':
			// A language tag such as en, fr or fr-CA.
			return preg_match( '/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/', $value ) ? $value : '';
		case 'flow':
			// A flow id: lower-case letters, digits and hyphens (it names a file in packs/).
			return preg_match( '/^[a-z0-9][a-z0-9-]{0,63}$/', $value ) ? $value : '';
		case 'practice_phone':
			return preg_match( '/^[0-9+() .\-]{3,32}$/', $value ) ? $value : '';
		case 'practice_url':
			// The widget ignores anything but https: links; so does the plugin.
			return 0 === strpos( $value, 'https://' ) ? esc_url_raw( $value, array( 'https' ) ) : '';
		case 'exit_url':
			// The quick exit must navigate: an https: URL with a host, visible ASCII only and
			// every % followed by two hex digits (the widget's own rule, view::exit_target),
			// else the widget's neutral default. "https://" and "https://%zz" pass esc_url_raw.
			return preg_match( '#^https://[A-Za-z0-9][A-Za-z0-9.-]*(:[0-9]{1,5})?([/?\#]([!-$&-\[\]-~]|%[0-9A-Fa-f]{2})*)?$#', $value ) ? esc_url_raw( $value, array( 'https' ) ) : '';
		default:
			return sanitize_text_field( $value );
	}
}

/**
 * The settings page's sanitize callback.
 *
 * @param mixed $input The submitted settings.
 * @return array<string, string>
 */
function selfcheck_sanitize( $input ) {
	$input = is_array( $input ) ? $input : array();
	$clean = array();
	foreach ( array_keys( selfcheck_defaults() ) as $key ) {
		$raw           = isset( $input[ $key ] ) ? wp_unslash( $input[ $key ] ) : '';
		$clean[ $key ] = selfcheck_clean( $key, $raw );
		if ( '' !== trim( (string) $raw ) && '' === $clean[ $key ] ) {
			add_settings_error(
				SELFCHECK_OPTION,
				'selfcheck-' . $key,
				/* translators: %s: the name of a setting. */
				sprintf( __( 'The value for %s was not valid and was not saved.', 'selfcheck' ), $key )
			);
		}
	}
	return $clean;
}

/*
 * The shortcode and the block: one renderer.
 */

/**
 * [selfcheck region="gb" lang="en" flow="…" practice_name="…" practice_phone="…"
 * practice_url="…" exit_url="…"]: the <self-check> element with static crisis contacts
 * inside (the engine's crisis strip for the region, in the chosen language), and the
 * loader enqueued for this page only. The Self-check block renders through it too
 * (block/render.php). Every attribute is escaped here; the strips are the engine's
 * escaped HTML.
 *
 * @param array|string $atts The shortcode's attributes.
 * @return string
 */
function selfcheck_shortcode( $atts ) {
	$atts = is_array( $atts ) ? $atts : array();
	// Accept the element's spelling too: practice-name as well as practice_name.
	foreach ( $atts as $key => $value ) {
		if ( is_string( $key ) && false !== strpos( $key, '-' ) ) {
			$atts[ str_replace( '-', '_', $key ) ] = $value;
		}
	}
	$atts = shortcode_atts( selfcheck_settings(), $atts, 'selfcheck' );

	$html = '<self-check';
	foreach ( selfcheck_defaults() as $key => $unused ) {
		$value = selfcheck_clean( $key, $atts[ $key ] );
		if ( '' !== $value ) {
			$html .= ' ' . str_replace( '_', '-', $key ) . '="' . esc_attr( $value ) . '"';
		}
	}
	$html .= '>' . selfcheck_static_contacts( selfcheck_clean( 'region', $atts['region'] ), selfcheck_clean( 'lang', $atts['lang'] ) ) . '</self-check>';

	selfcheck_enqueue_loader();
	return $html;
}
add_shortcode( 'selfcheck', 'selfcheck_shortcode' );

/**
 * Enqueues the loader with the plugin's version in its URL, so that a cached copy from
 * before an update is not used with the update's files: as a script module where
 * WordPress has them (6.5+), else as a script printed with type="module".
 */
function selfcheck_enqueue_loader() {
	$src = plugins_url( 'assets/selfcheck.js', __FILE__ );
	if ( function_exists( 'wp_enqueue_script_module' ) ) {
		wp_enqueue_script_module( 'selfcheck', $src, array(), SELFCHECK_VERSION );
		return;
	}
	wp_enqueue_script( 'selfcheck', $src, array(), SELFCHECK_VERSION, true );
}

/**
 * The block's attributes (block.json) as the shortcode's; empty ones are left out, so the
 * settings page's values apply.
 *
 * @param array $attributes The block's attributes.
 * @return array<string, string>
 */
function selfcheck_block_atts( $attributes ) {
	$map  = array(
		'flow'          => 'flow',
		'lang'          => 'lang',
		'region'        => 'region',
		'practiceName'  => 'practice_name',
		'practicePhone' => 'practice_phone',
		'practiceUrl'   => 'practice_url',
		'exitUrl'       => 'exit_url',
	);
	$atts = array();
	foreach ( $map as $from => $to ) {
		if ( isset( $attributes[ $from ] ) && is_scalar( $attributes[ $from ] ) && '' !== trim( (string) $attributes[ $from ] ) ) {
			$atts[ $to ] = (string) $attributes[ $from ];
		}
	}
	return $atts;
}

/**
 * Registers the Self-check block from block/block.json (its editor script is a plain
 * script on WordPress's globals, block/index.js; its render is block/render.php).
 */
function selfcheck_register_block() {
	register_block_type( __DIR__ . '/block' );
}
add_action( 'init', 'selfcheck_register_block' );

/**
 * What the block's sidebar lists, for the editor script: the build's flows with their
 * languages, the regions in the editor's language, and the settings page's values (the
 * defaults the block's empty fields fall back to).
 *
 * @return array
 */
function selfcheck_block_data() {
	$build  = selfcheck_build();
	$ui     = selfcheck_base_lang( get_user_locale() );
	$lang   = function ( $code ) use ( $build ) {
		return array(
			'code' => $code,
			'name' => isset( $build['languages'][ $code ] ) ? $build['languages'][ $code ] : $code,
		);
	};
	$flows  = array();
	foreach ( $build['flows'] as $id => $flow ) {
		$title   = isset( $flow['titles'][ $ui ] ) ? $flow['titles'][ $ui ] : reset( $flow['titles'] );
		$flows[] = array(
			'id'      => $id,
			'title'   => (string) $title,
			'own'     => false,
			'langs'   => array_map( $lang, $flow['langs'] ),
			'default' => $id === $build['default_flow'],
		);
	}
	foreach ( selfcheck_own_flows() as $id => $flow ) {
		if ( $flow['loadable'] ) {
			$flows[] = array(
				'id'      => $id,
				'title'   => $id,
				'own'     => true,
				'langs'   => array_map( $lang, $flow['loadable'] ),
				'default' => false,
			);
		}
	}
	$regions = array();
	foreach ( array_keys( $build['regions'] ? $build['regions'] : selfcheck_regions() ) as $code ) {
		$regions[] = array(
			'code'    => $code,
			'name'    => selfcheck_region_name( $code, $ui ),
			'aliases' => isset( $build['regions'][ $code ]['aliases'] ) ? $build['regions'][ $code ]['aliases'] : array(),
		);
	}
	return array(
		'flows'    => $flows,
		'regions'  => $regions,
		'settings' => selfcheck_settings(),
	);
}

/**
 * Gives the block's editor script its lists and its translations.
 */
function selfcheck_block_editor_assets() {
	$handle = generate_block_asset_handle( 'selfcheck/self-check', 'editorScript' );
	wp_add_inline_script( $handle, 'window.selfcheckBlock = ' . wp_json_encode( selfcheck_block_data() ) . ';', 'before' );
	wp_set_script_translations( $handle, 'selfcheck', __DIR__ . '/languages' );
}
add_action( 'enqueue_block_editor_assets', 'selfcheck_block_editor_assets' );

/**
 * The crisis contacts shown before the widget starts, and if it cannot: the engine's
 * crisis strip for the region in the chosen language (from build-info.php), else the
 * plugin's own list in the site's language.
 *
 * @param string $region A region code, or ''.
 * @param string $lang   The lang setting, or ''.
 * @return string
 */
function selfcheck_static_contacts( $region, $lang = '' ) {
	$build = selfcheck_build();
	$code  = selfcheck_fallback_lang( $lang );
	if ( isset( $build['strips'][ $code ][ $region ] ) ) {
		return $build['strips'][ $code ][ $region ];
	}
	$regions = selfcheck_regions();
	$html    = '<p><strong>' . esc_html__( 'If someone is in danger now:', 'selfcheck' ) . '</strong> ';
	if ( '' === $region ) {
		return $html . esc_html__( 'call your local emergency number.', 'selfcheck' ) . '</p>';
	}
	$links = array();
	foreach ( $regions[ $region ]['contacts'] as $contact ) {
		$links[] = '<a href="' . esc_url( 'tel:' . $contact[1], array( 'tel' ) ) . '">' . esc_html( $contact[0] ) . '</a>';
	}
	/* translators: %s: phone numbers, as links. */
	return $html . sprintf( esc_html__( 'call %s.', 'selfcheck' ), implode( ' ' . esc_html__( 'or', 'selfcheck' ) . ' ', $links ) ) . '</p>';
}

/**
 * Prints the loader as a module script where WordPress has no wp_enqueue_script_module
 * (6.1–6.4).
 *
 * @param string $tag    The <script> tag.
 * @param string $handle The script's handle.
 * @param string $src    The script's URL.
 * @return string
 */
function selfcheck_module_tag( $tag, $handle, $src ) {
	if ( 'selfcheck' !== $handle ) {
		return $tag;
	}
	$packs = selfcheck_packs_base();
	return '<script type="module" src="' . esc_url( $src ) . '" id="selfcheck-js"' . ( '' !== $packs ? ' data-packs="' . esc_url( $packs ) . '"' : '' ) . '></script>' . "\n"; // phpcs:ignore WordPress.WP.EnqueuedResources.NonEnqueuedScript -- this filters the enqueued script's tag.
}
add_filter( 'script_loader_tag', 'selfcheck_module_tag', 10, 3 );

/**
 * The folder of the practice's own packs, for the loader's `data-packs` attribute, or ''
 * when uploads/selfcheck/ holds no pack. A loader that reads `data-packs` fetches the packs
 * of flows its build does not have from there (the build's own packs stay pinned beside
 * it). The build's own flows never come from there.
 *
 * @return string
 */
function selfcheck_packs_base() {
	static $base = null;
	if ( null === $base ) {
		$where = selfcheck_own_packs_location();
		$files = is_dir( $where['dir'] ) ? glob( $where['dir'] . '/*.pack' ) : array();
		$base  = is_array( $files ) && $files ? trailingslashit( $where['url'] ) : '';
	}
	return $base;
}

/**
 * Adds `data-packs` to the loader's script module tag (WordPress 6.5+).
 *
 * @param array $attributes The script tag's attributes.
 * @return array
 */
function selfcheck_module_attributes( $attributes ) {
	if ( isset( $attributes['id'] ) && 'selfcheck-js-module' === $attributes['id'] && '' !== selfcheck_packs_base() ) {
		$attributes['data-packs'] = selfcheck_packs_base();
	}
	return $attributes;
}
add_filter( 'wp_script_attributes', 'selfcheck_module_attributes' );

/*
 * The settings page.
 */

/**
 * Registers the setting, its section and fields.
 */
function selfcheck_admin_init() {
	register_setting(
		'selfcheck',
		SELFCHECK_OPTION,
		array(
			'type'              => 'array',
			'sanitize_callback' => 'selfcheck_sanitize',
			'default'           => selfcheck_defaults(),
			'show_in_rest'      => false,
		)
	);
	add_settings_section(
		'selfcheck_main',
		__( 'Defaults for the Self-check block and the [selfcheck] shortcode', 'selfcheck' ),
		'selfcheck_section_text',
		'selfcheck'
	);
	$fields = array(
		'region'         => __( 'Region', 'selfcheck' ),
		'lang'           => __( 'Language', 'selfcheck' ),
		'flow'           => __( 'Flow', 'selfcheck' ),
		'practice_name'  => __( 'Practice name', 'selfcheck' ),
		'practice_phone' => __( 'Practice phone', 'selfcheck' ),
		'practice_url'   => __( 'Practice contact page (https)', 'selfcheck' ),
		'exit_url'       => __( 'Quick-exit page (https)', 'selfcheck' ),
	);
	foreach ( $fields as $key => $label ) {
		add_settings_field(
			'selfcheck_' . $key,
			$label,
			'selfcheck_field',
			'selfcheck',
			'selfcheck_main',
			array(
				'key'       => $key,
				'label_for' => 'selfcheck_' . $key,
			)
		);
	}
}
add_action( 'admin_init', 'selfcheck_admin_init' );

/**
 * The section's introduction.
 */
function selfcheck_section_text() {
	echo '<p>' . esc_html__( 'Add the Self-check block to a page or post, or put [selfcheck] on it. The block\'s settings and the shortcode\'s attributes (region, lang, flow, practice_name, practice_phone, practice_url, exit_url) override these defaults.', 'selfcheck' ) . '</p>';
	echo '<p>' . esc_html__( 'The widget runs in the visitor\'s browser: it sends no answers anywhere and stores nothing. This plugin makes no remote requests.', 'selfcheck' ) . '</p>';
}

/**
 * One field of the settings page.
 *
 * @param array{key: string, label_for: string} $args The field.
 */
function selfcheck_field( $args ) {
	$settings = selfcheck_settings();
	$key      = $args['key'];
	$name     = SELFCHECK_OPTION . '[' . $key . ']';
	if ( 'region' === $key ) {
		echo '<select id="' . esc_attr( $args['label_for'] ) . '" name="' . esc_attr( $name ) . '">';
		echo '<option value="">' . esc_html__( 'None: "call your local emergency number" and a region picker', 'selfcheck' ) . '</option>';
		foreach ( selfcheck_regions() as $code => $region ) {
			echo '<option value="' . esc_attr( $code ) . '"' . selected( $settings['region'], $code, false ) . '>' . esc_html( $region['label'] ) . '</option>';
		}
		echo '</select>';
		return;
	}
	$type = in_array( $key, array( 'practice_url', 'exit_url' ), true ) ? 'url' : 'text';
	echo '<input type="' . esc_attr( $type ) . '" class="regular-text" id="' . esc_attr( $args['label_for'] ) . '" name="' . esc_attr( $name ) . '" value="' . esc_attr( $settings[ $key ] ) . '">';
	if ( 'lang' === $key ) {
		echo '<p class="description">' . esc_html__( 'en, es or fr for the default flow. Empty: the visitor\'s browser language.', 'selfcheck' ) . '</p>';
	} elseif ( 'flow' === $key ) {
		$where = selfcheck_own_packs_location();
		/* translators: %s: a folder. */
		echo '<p class="description">' . esc_html( sprintf( __( 'Empty: the default flow. Put the packs of a flow of your own (<flow>.<lang>.pack and .screen.json) in %s: updates leave that folder alone, and the widget loads them from there.', 'selfcheck' ), $where['dir'] ) ) . '</p>';
		$own = array_keys( selfcheck_own_flows() );
		if ( $own ) {
			/* translators: %s: flow ids. */
			echo '<p class="description">' . esc_html( sprintf( __( 'Your own flows: %s', 'selfcheck' ), implode( ', ', $own ) ) ) . '</p>';
		}
	}
}

/**
 * Adds Settings → Selfcheck.
 */
function selfcheck_admin_menu() {
	add_options_page(
		__( 'Selfcheck', 'selfcheck' ),
		__( 'Selfcheck', 'selfcheck' ),
		'manage_options',
		'selfcheck',
		'selfcheck_settings_page'
	);
}
add_action( 'admin_menu', 'selfcheck_admin_menu' );

/**
 * The date this release's crisis contacts were checked (the oldest of them), when that is
 * more than 12 months ago; else ''.
 *
 * @return string
 */
function selfcheck_contacts_overdue() {
	/**
	 * Filters the date the release's crisis contacts were last checked (YYYY-MM-DD); the
	 * release test ages it to see the notice.
	 *
	 * @param string $checked The date from build-info.php.
	 */
	$checked = (string) apply_filters( 'selfcheck_contacts_checked', (string) selfcheck_build()['contacts_checked'] );
	$then    = preg_match( '/^\d{4}-\d{2}-\d{2}$/', $checked ) ? strtotime( $checked . ' 00:00:00 UTC' ) : false;
	return ( false !== $then && time() - $then > YEAR_IN_SECONDS ) ? $checked : '';
}

/**
 * Renders Settings → Selfcheck.
 */
function selfcheck_settings_page() {
	if ( ! current_user_can( 'manage_options' ) ) {
		return;
	}
	echo '<div class="wrap"><h1>' . esc_html( get_admin_page_title() ) . '</h1>';
	$checked = selfcheck_contacts_overdue();
	if ( '' !== $checked ) {
		/* translators: %s: the date (YYYY-MM-DD) the crisis numbers were last checked. */
		$text = __( 'The crisis numbers in this version of Selfcheck were last checked on %s, more than 12 months ago. Numbers change: install the current release so that visitors are never shown one that no longer works.', 'selfcheck' );
		echo '<div class="notice notice-warning selfcheck-overdue"><p>' . esc_html( sprintf( $text, $checked ) ) . '</p></div>';
	}
	echo '<form action="' . esc_url( admin_url( 'options.php' ) ) . '" method="post">';
	settings_fields( 'selfcheck' );
	do_settings_sections( 'selfcheck' );
	submit_button();
	echo '</form>';
	echo '<h2>' . esc_html__( 'Content-Security-Policy', 'selfcheck' ) . '</h2>';
	echo '<p>' . esc_html__( 'If your site sends a Content-Security-Policy, script-src needs \'wasm-unsafe-eval\' for the widget, and script-src, style-src and connect-src must allow this site itself (\'self\').', 'selfcheck' ) . '</p>';
	echo '</div>';
}

/**
 * A "Settings" link on the Plugins screen.
 *
 * @param string[] $links The plugin's action links.
 * @return string[]
 */
function selfcheck_action_links( $links ) {
	$links[] = '<a href="' . esc_url( admin_url( 'options-general.php?page=selfcheck' ) ) . '">' . esc_html__( 'Settings', 'selfcheck' ) . '</a>';
	return $links;
}
add_filter( 'plugin_action_links_' . plugin_basename( __FILE__ ), 'selfcheck_action_links' );

/**
 * Suggested text for the site's privacy policy (Settings → Privacy → Policy Guide): what
 * the widget does not collect.
 */
function selfcheck_privacy_policy_content() {
	if ( ! function_exists( 'wp_add_privacy_policy_content' ) ) {
		return;
	}
	$text = '<p class="privacy-policy-tutorial">' . esc_html__( 'Selfcheck collects nothing about visitors. You may add a paragraph like this one to the part of your policy about the tools on your pages.', 'selfcheck' ) . '</p>'
		. '<p><strong class="privacy-policy-tutorial">' . esc_html__( 'Suggested text:', 'selfcheck' ) . ' </strong>'
		. esc_html__( 'Our self-check runs entirely in your browser. Your answers are not sent to us or to anyone else, and nothing is stored on your device: no cookies, no local storage. The self-check\'s files are loaded from this website only; when you leave or reload the page, your answers are gone.', 'selfcheck' ) . '</p>';
	wp_add_privacy_policy_content( __( 'Selfcheck', 'selfcheck' ), wp_kses_post( $text ) );
}
add_action( 'admin_init', 'selfcheck_privacy_policy_content' );
