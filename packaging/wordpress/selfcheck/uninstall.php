<?php
/**
 * Removes the plugin's settings when it is deleted from the Plugins screen.
 *
 * @package Selfcheck
 */

if ( ! defined( 'WP_UNINSTALL_PLUGIN' ) ) {
	exit;
}

delete_option( 'selfcheck_settings' );

if ( is_multisite() ) {
	foreach ( get_sites( array( 'fields' => 'ids' ) ) as $selfcheck_site ) {
		switch_to_blog( $selfcheck_site );
		delete_option( 'selfcheck_settings' );
		restore_current_blog();
	}
}
