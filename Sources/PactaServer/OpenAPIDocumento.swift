import Foundation
import Vapor

/// Serves the OpenAPI document that describes /api/v1.
enum OpenAPIDocumento {
    static func texto() throws -> String {
        try String(contentsOfFile: Recursos.archivo("openapi.yaml"), encoding: .utf8)
    }

    @Sendable static func yaml(req: Request) async throws -> Response {
        let res = Response(status: .ok, body: .init(string: try texto()))
        res.headers.contentType = HTTPMediaType(type: "application", subType: "yaml", parameters: ["charset": "utf-8"])
        return res
    }

    @Sendable static func pagina(req: Request) async throws -> Response {
        let html = """
        <!DOCTYPE html><html lang="es-CO"><head><meta charset="utf-8"><title>API de Pacta</title><link rel="stylesheet" href="/css/pacta.css"></head>
        <body><main id="contenido"><h1>API de Pacta (v1)</h1>
        <p>La API JSON vive bajo <code>/api/v1</code>. Obtenga un token con <code>POST /api/v1/auth/token</code> y envíelo como
        <code>Authorization: Bearer …</code>. Los errores llegan como JSON con un mensaje en español.</p>
        <p><a href="/api/v1/openapi.yaml">Descargar el documento OpenAPI</a></p></main></body></html>
        """
        let res = Response(status: .ok, body: .init(string: html))
        res.headers.contentType = .html
        return res
    }
}
