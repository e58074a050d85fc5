/// The longest text each field of the structure takes. The forms, the API and the imports check the same
/// numbers with the same message, so no door stores what another would refuse.
public enum LongitudMaxima {
    public static let documento = 20
    public static let nombres = 100
    public static let apellidos = 100
    public static let correo = 150
    public static let codigoDependencia = 30
    public static let nombreDependencia = 200
    public static let codigoProceso = 30
    public static let nombreProceso = 200
    public static let denominacionEmpleo = 200
    public static let codigoEmpleo = 10
    public static let gradoEmpleo = 10

    /// "El nombre admite máximo 100 caracteres."
    public static func mensaje(_ etiqueta: String, _ maximo: Int) -> String {
        "\(etiqueta) admite máximo \(maximo) caracteres."
    }

    /// The message when `valor` is longer than `maximo` characters; nil when it fits.
    public static func exceso(_ valor: String, _ maximo: Int, etiqueta: String) -> String? {
        valor.count > maximo ? mensaje(etiqueta, maximo) : nil
    }
}
