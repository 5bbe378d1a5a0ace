<?php
/**
 * The Self-check block on a page: the same markup as the [selfcheck] shortcode, through
 * the same function, inside the block's wrapper.
 *
 * @package Selfcheck
 *
 * @var array $attributes The block's attributes (block.json).
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}
?>
<div <?php echo wp_kses_data( get_block_wrapper_attributes() ); ?>><?php echo selfcheck_shortcode( selfcheck_block_atts( $attributes ) ); // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- selfcheck_shortcode() escapes every attribute; the crisis strip is the engine's escaped HTML. ?></div>
