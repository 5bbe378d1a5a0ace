/**
 * The Self-check block in the editor: a plain script on WordPress's globals (declared in
 * index.asset.php), no build step. The sidebar's lists come from window.selfcheckBlock,
 * which the plugin fills from build-info.php (written by `cargo xtask release` from the
 * build); the preview is the block's own server render, the crisis strip visitors see
 * before the widget starts.
 *
 * @package Selfcheck
 */
( function ( wp ) {
	'use strict';
	var el = wp.element.createElement;
	var __ = wp.i18n.__;
	var sprintf = wp.i18n.sprintf;
	var InspectorControls = wp.blockEditor.InspectorControls;
	var useBlockProps = wp.blockEditor.useBlockProps;
	var PanelBody = wp.components.PanelBody;
	var SelectControl = wp.components.SelectControl;
	var TextControl = wp.components.TextControl;
	var ServerSideRender = wp.serverSideRender;
	var info = window.selfcheckBlock || { flows: [], regions: [], settings: {} };
	var settings = info.settings || {};

	function flowOf( id ) {
		var wanted = id || settings.flow || '';
		var found = null;
		info.flows.forEach( function ( f ) {
			if ( f.id === wanted || ( ! wanted && f.default ) ) {
				found = f;
			}
		} );
		return found || info.flows[ 0 ] || { id: '', title: '', langs: [] };
	}

	function edit( props ) {
		var a = props.attributes;
		var set = function ( key ) {
			return function ( value ) {
				var change = {};
				change[ key ] = value;
				props.setAttributes( change );
			};
		};
		var flow = flowOf( a.flow );
		var fallback = flowOf( '' );
		var flowOptions = [ { value: '', label: sprintf( /* translators: %s: the default flow's title. */ __( 'Default: %s', 'selfcheck' ), fallback.title ) } ].concat(
			info.flows.map( function ( f ) {
				return { value: f.id, label: f.own ? sprintf( /* translators: %s: a flow id. */ __( '%s (your own pack)', 'selfcheck' ), f.id ) : f.title };
			} )
		);
		var langOptions = [ { value: '', label: settings.lang ? sprintf( /* translators: %s: a language code. */ __( 'The settings page\'s (%s)', 'selfcheck' ), settings.lang ) : __( 'The visitor\'s browser language', 'selfcheck' ) } ].concat(
			flow.langs.map( function ( l ) {
				return { value: l.code, label: l.name };
			} )
		);
		var regionOptions = [ { value: '', label: settings.region ? sprintf( /* translators: %s: a region code. */ __( 'The settings page\'s (%s)', 'selfcheck' ), settings.region ) : __( 'None: the visitor picks one', 'selfcheck' ) } ].concat(
			info.regions.map( function ( r ) {
				return { value: r.code, label: r.name + ' (' + [ r.code ].concat( r.aliases || [] ).join( ', ' ) + ')' };
			} )
		);
		var text = function ( key, setting, label, type ) {
			return el( TextControl, {
				label: label,
				type: type || 'text',
				value: a[ key ],
				placeholder: settings[ setting ] || '',
				help: settings[ setting ] ? __( 'Empty: the settings page\'s value (shown greyed).', 'selfcheck' ) : undefined,
				onChange: set( key ),
			} );
		};
		return el(
			'div',
			useBlockProps(),
			el(
				InspectorControls,
				null,
				el(
					PanelBody,
					{ title: __( 'Self-check', 'selfcheck' ), initialOpen: true },
					el( SelectControl, { label: __( 'Flow', 'selfcheck' ), value: a.flow, options: flowOptions, onChange: set( 'flow' ) } ),
					el( SelectControl, { label: __( 'Language', 'selfcheck' ), value: a.lang, options: langOptions, onChange: set( 'lang' ) } ),
					el( SelectControl, { label: __( 'Region', 'selfcheck' ), value: a.region, options: regionOptions, onChange: set( 'region' ), help: __( 'Whose crisis numbers show before the first question and on every screen.', 'selfcheck' ) } )
				),
				el(
					PanelBody,
					{ title: __( 'Your practice', 'selfcheck' ), initialOpen: true },
					text( 'practiceName', 'practice_name', __( 'Practice name', 'selfcheck' ) ),
					text( 'practicePhone', 'practice_phone', __( 'Practice phone', 'selfcheck' ), 'tel' ),
					text( 'practiceUrl', 'practice_url', __( 'Practice contact page (https)', 'selfcheck' ), 'url' ),
					text( 'exitUrl', 'exit_url', __( 'Quick-exit page (https)', 'selfcheck' ), 'url' )
				)
			),
			el(
				'div',
				{ className: 'selfcheck-block-preview' },
				el( 'p', { className: 'selfcheck-block-caption' }, sprintf( /* translators: %s: the flow's title. */ __( 'Self-check: %s. Visitors see these crisis contacts until the widget starts, then its first question.', 'selfcheck' ), flow.title ) ),
				el( ServerSideRender, { block: 'selfcheck/self-check', attributes: a } )
			)
		);
	}

	wp.blocks.registerBlockType( 'selfcheck/self-check', {
		edit: edit,
		save: function () {
			return null;
		},
	} );
} )( window.wp );
