<?php
/**
 * Plugin Name:       Selfcheck
 * Description:       A private self-check for therapy practices: a few questions, tailored advice and crisis contacts, entirely in the visitor's browser. Use the [selfcheck] shortcode.
 * Version:           0.0.0-dev
 * Requires at least: 6.1
 * Requires PHP:      7.4
 * Author:            The selfcheck contributors
 * License:           MIT OR Apache-2.0
 * License URI:       https://www.apache.org/licenses/LICENSE-2.0
 * Text Domain:       selfcheck
 *
 * The widget's files are in assets/. The plugin makes no remote request and sets no
 * cookie; the widget sends nothing and stores nothing in the visitor's browser.
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
 * The shortcode.
 */

/**
 * [selfcheck region="gb" lang="en" flow="…" practice_name="…" practice_phone="…"
 * practice_url="…" exit_url="…"]: the <self-check> element with static crisis contacts
 * inside, and the loader enqueued for this page only.
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
	$html .= '>' . selfcheck_static_contacts( selfcheck_clean( 'region', $atts['region'] ) ) . '</self-check>';

	wp_enqueue_script( 'selfcheck', plugins_url( 'assets/selfcheck.js', __FILE__ ), array(), null, true ); // phpcs:ignore WordPress.WP.EnqueuedResourceParameters.MissingVersion -- the loader finds its fingerprinted files relative to its URL; the release's integrity hash is of this exact URL's file.
	return $html;
}
add_shortcode( 'selfcheck', 'selfcheck_shortcode' );

/**
 * The crisis contacts shown before the widget starts, and if it cannot.
 *
 * @param string $region A region code, or ''.
 * @return string
 */
function selfcheck_static_contacts( $region ) {
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
 * Prints the loader as a module script (WordPress 6.1 has no wp_enqueue_script_module).
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
	return '<script type="module" src="' . esc_url( $src ) . '" id="selfcheck-js"></script>' . "\n"; // phpcs:ignore WordPress.WP.EnqueuedResources.NonEnqueuedScript -- this filters the enqueued script's tag.
}
add_filter( 'script_loader_tag', 'selfcheck_module_tag', 10, 3 );

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
		__( 'Defaults for the [selfcheck] shortcode', 'selfcheck' ),
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
	echo '<p>' . esc_html__( 'Put [selfcheck] on a page or post. Attributes on the shortcode (region, lang, flow, practice_name, practice_phone, practice_url, exit_url) override these defaults.', 'selfcheck' ) . '</p>';
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
		echo '<p class="description">' . esc_html__( 'Empty: the default flow. A flow of your own needs its packs in the plugin\'s assets/packs/ folder.', 'selfcheck' ) . '</p>';
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
 * Renders Settings → Selfcheck.
 */
function selfcheck_settings_page() {
	if ( ! current_user_can( 'manage_options' ) ) {
		return;
	}
	echo '<div class="wrap"><h1>' . esc_html( get_admin_page_title() ) . '</h1>';
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
