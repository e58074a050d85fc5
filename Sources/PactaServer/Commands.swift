import Fluent
import Foundation
import PactaCore
import Vapor

/// `pacta` subcommands besides Vapor's `serve` and Fluent's `migrate`.
enum PactaCommands {
    static func register(on app: Application) {
        app.asyncCommands.use(DemoCommand(), as: "demo")
        app.asyncCommands.use(AuditCommand(), as: "audit")
        app.asyncCommands.use(ImportCommand(), as: "import")
        app.asyncCommands.use(RecordatoriosCommand(), as: "recordatorios")
    }
}

struct DemoCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "servidores", help: "Cuántos servidores crear (mínimo 40).")
        var servidores: Int?
        @Option(name: "fecha", help: "Fecha de la demostración (dd/mm/aaaa; por defecto hoy): decide los períodos y vigencias y sus etapas.")
        var fecha: String?
        init() {}
    }

    var help: String { "Carga la entidad de demostración con sus dependencias, procesos, servidores, una cuenta por rol, su EDL y su gestión institucional." }

    func run(using context: CommandContext, signature: Signature) async throws {
        var hoy = CalendarioService.hoy()
        if let t = signature.fecha {
            guard let f = Fecha(texto: t) else {
                context.console.error("La fecha «\(t)» no es válida: use dd/mm/aaaa.")
                throw ExitCode(2)
            }
            hoy = f
        }
        let inicio = Date()
        let r = try await DemoData.cargar(context.application, servidores: max(signature.servidores ?? 40, 40))
        context.console.print(r.yaExistia
            ? "La entidad de demostración ya existe (\(r.servidores) servidores)."
            : "Entidad de demostración creada con \(r.servidores) servidores en \(String(format: "%.1f", Date().timeIntervalSince(inicio))) s.")
        let edl = try await DemoEDL.cargar(context.application, hoy: hoy)
        if edl.yaExistia {
            context.console.print("La evaluación del desempeño (EDL) de demostración ya existe (\(edl.filas) evaluaciones).")
        } else {
            let total = edl.porEstado.values.reduce(0, +)
            context.console.print("EDL al \(hoy.texto): \(edl.periodos.joined(separator: " y ")), \(total) evaluaciones (\(edl.filas) filas) en \(String(format: "%.1f", edl.segundos)) s.")
            for e in EstadoEDL.allCases where (edl.porEstado[e] ?? 0) > 0 {
                context.console.print("  \(e.nombre): \(edl.porEstado[e]!)")
            }
        }
        let gi = try await DemoGI.cargar(context.application, hoy: hoy)
        if gi.yaExistia {
            context.console.print("La gestión institucional de demostración ya existe (\(gi.filas) evaluaciones).")
        } else {
            let total = gi.porEstado.values.reduce(0, +)
            context.console.print("Gestión institucional al \(hoy.texto): \(gi.vigencias.joined(separator: " y ")), \(total) evaluaciones (\(gi.filas) filas) en \(String(format: "%.1f", gi.segundos)) s.")
            for e in EstadoGI.allCases where (gi.porEstado[e] ?? 0) > 0 {
                context.console.print("  \(e.nombre): \(gi.porEstado[e]!)")
            }
        }
        context.console.print("Cuentas (contraseña de todas: \(DemoData.contrasena)):")
        for c in r.cuentas { context.console.print("  \(c.usuario.padding(toLength: 16, withPad: " ", startingAt: 0)) \(c.rol) — \(c.quien)") }
        context.console.print("  \(DemoEDL.usuarioComision.padding(toLength: 16, withPad: " ", startingAt: 0)) Comisión evaluadora — asesor del despacho (libre nombramiento)")
        context.console.print("  \(DemoGI.usuarioEvaluado.padding(toLength: 16, withPad: " ", startingAt: 0)) Evaluado de la gestión institucional — provisional de la Alcaldía Local de Usaquén")
    }
}

struct AuditCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "accion", help: """
            verify: comprueba la cadena firmada del registro de auditoría y sus anclas (código 1 si fue alterado o truncado); \
            anchor: anota la última entrada y su hash fuera de la base de datos, para cron; \
            rotate-key: agrega una clave nueva (las anteriores se conservan para verificar).
            """)
        var accion: String
        init() {}
    }

    var help: String {
        "Registro de auditoría: pacta audit verify | anchor | rotate-key (claves en PACTA_AUDIT_KEY_FILE, anclas en PACTA_AUDIT_ANCHOR_FILE)."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        switch signature.accion {
        case "verify", "verificar":
            let r = try await AuditLog.verificar(on: app.db)
            if r.hallazgos.isEmpty {
                let anclas = r.anclas == 0
                    ? "ninguna ancla registrada (programe «pacta audit anchor»)"
                    : "\(r.anclas) ancla(s) revisadas"
                context.console.print("Registro de auditoría íntegro: \(r.revisadas) entrada(s) verificadas, \(anclas).")
            } else {
                context.console.error("Registro de auditoría ALTERADO: \(r.hallazgos.count) problema(s) en \(r.revisadas) entrada(s) y \(r.anclas) ancla(s):")
                for h in r.hallazgos { context.console.error("  - \(h.descripcion)") }
                throw ExitCode(1)
            }
        case "anchor", "anclar":
            // Quiet for cron: one line, the anchor, in the log (for its shipper) or, when the log
            // would not show a notice, on the console.
            let ancla = try await AuditLog.anclar(on: app.db)
            app.logger.notice("Ancla del registro de auditoría: \(ancla.linea)")
            if app.logger.logLevel > .notice { context.console.print(ancla.linea) }
        case "rotate-key", "rotar-clave":
            let clave = try await AuditLog.rotarClave(on: app.db)
            let lugar = try app.auditStores.claves.lugar
            app.logger.notice("Clave nueva del registro de auditoría: \(clave.id) en \(lugar)")
            context.console.print("Clave nueva «\(clave.id)» agregada en \(lugar): firma las entradas desde ahora; las anteriores se conservan para verificar.")
        default:
            context.console.error("Acción desconocida «\(signature.accion)». Use: pacta audit verify | anchor | rotate-key")
            throw ExitCode(2)
        }
    }
}

struct ImportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "entidad", help: "Sigla de la entidad.")
        var entidad: String?
        @Option(name: "tipo", help: "dependencias, procesos o servidores.")
        var tipo: String?
        @Argument(name: "archivo", help: "Ruta del archivo .xlsx o .csv.")
        var archivo: String
        @Flag(name: "aplicar", help: "Aplica el archivo si no tiene errores (sin esta opción solo lo revisa).")
        var aplicar: Bool
        init() {}
    }

    var help: String { "Importa estructura o planta desde un archivo .xlsx o .csv (revisión y, con --aplicar, todo o nada)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard let tipo = signature.tipo.flatMap(TipoImportacion.init(rawValue:)) else {
            context.console.error("Indique --tipo dependencias|procesos|servidores.")
            throw ExitCode(2)
        }
        guard let data = FileManager.default.contents(atPath: signature.archivo) else {
            context.console.error("No se pudo leer el archivo \(signature.archivo).")
            throw ExitCode(2)
        }
        let q = Entidad.query(on: app.db)
        if let sigla = signature.entidad { q.filter(\.$sigla == sigla) }
        guard let entidad = try await q.first() else {
            context.console.error("No existe la entidad \(signature.entidad ?? "")."); throw ExitCode(2)
        }
        guard let admin = try await Usuario.query(on: app.db).filter(\.$entidad.$id == entidad.id!).filter(\.$rol == .administrador).first() else {
            context.console.error("La entidad no tiene administrador."); throw ExitCode(2)
        }
        let actor = try Actor(admin)
        let nombre = URL(fileURLWithPath: signature.archivo).lastPathComponent
        let vista = try await ImportService.previsualizar(tipo: tipo, nombreArchivo: nombre, data: data, actor, on: app.db)
        if !vista.errores.isEmpty {
            context.console.error("El archivo tiene \(vista.errores.count) error(es); no se aplicó nada:")
            for e in vista.errores { context.console.error("  línea \(e.linea), columna «\(e.columna)»: \(e.motivo)") }
            throw ExitCode(1)
        }
        context.console.print("\(vista.registros) registro(s) sin errores.")
        if signature.aplicar {
            let r = try await ImportService.aplicar(vista.id, actor, on: app.db)
            context.console.print("Aplicado: \(r.creados) creado(s), \(r.actualizados) actualizado(s), \(r.sinCambios) sin cambios.")
        } else {
            context.console.print("Revisión guardada; use --aplicar para aplicarlo.")
        }
    }
}
