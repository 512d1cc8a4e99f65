/**
 * Name lists for measuring how often keys merge names that are different. Common surnames of
 * the populations in Fates' records, each a distinct name (no two spellings of one name).
 */

export const GERMAN_SURNAMES = `
Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer Koch Bauer
Richter Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger Hofmann Hartmann Lange
Schmitt Werner Schmitz Krause Meier Lehmann Schmid Schulze Maier Köhler Herrmann König Walter
Mayer Huber Kaiser Fuchs Peters Lang Scholz Möller Weiß Jung Hahn Schubert Vogel Friedrich
Keller Günther Frank Berger Winkler Roth Beck Lorenz Baumann Franke Albrecht Schuster Simon
Ludwig Böhm Winter Kraus Martin Schumacher Krämer Vogt Stein Jäger Otto Sommer Groß Seidel
Heinrich Brandt Haas Schreiber Graf Schulte Dietrich Ziegler Kuhn Kühn Pohl Engel Horn Busch
Bergmann Thomas Voigt Sauer Arnold Wolff Pfeiffer Naumann Baltes Wunder Harzheim Fabisch Zucker
Thüring Buber Bloch Kline Eberlein Remmele Heckert Pieck Ulbricht Florin Kippenberger Süßkind
Dimitroff Thälmann Wehner Leow Birkenhauer Dengel Schönhaar Rosenberg Rosenthal Goldberg
Goldstein Silberstein Katz Levi Kohn Cohn Hirsch Blum Adler Mendel Wertheim Oppenheimer Frankel
Landau Lewin Loewenthal Marx Strauss Stern Rubinstein Feldmann Friedmann Kaufmann Lindner Haase
Jahn Kunze Ernst Brinkmann Hein Dörr Gebhardt Sander Zander Seeger Seiler Zeller Kessler Gessler
Hessler Fiedler Vetter Fetter Wendt Fendt Weller Feller Wichmann Fichtner Pfeifer Kiefer
Kuhlmann Kallmann Kellermann Heller Haller Holler Hiller Hüller Kurz Kunz Kranz Franz Mertens
Martens Möbius Nowak Pietsch Pütz Reuter Reiter Ritter Rieger Riegel Rudolph Sachs Seifert
Siebert Thiel Uhlig Weiß Weise Wiese Wiesner Wessel Wilke Witt Wittmann Zimmer Zahn Zorn
`;

export const RUSSIAN_SURNAMES = `
Иванов Смирнов Кузнецов Попов Васильев Петров Соколов Михайлов Новиков Фёдоров Морозов Волков
Алексеев Лебедев Семёнов Егоров Павлов Козлов Степанов Николаев Орлов Андреев Макаров Никитин
Захаров Зайцев Соловьёв Борисов Яковлев Григорьев Романов Воробьёв Сергеев Кузьмин Фролов
Александров Дмитриев Королёв Гусев Киселёв Ильин Максимов Поляков Сорокин Виноградов Ковалёв
Белов Медведев Антонов Тарасов Жуков Баранов Филиппов Комаров Давыдов Беляев Герасимов Богданов
Осипов Сидоров Матвеев Титов Марков Миронов Крылов Куликов Карпов Власов Мельников Денисов
Гаврилов Тихонов Казаков Афанасьев Данилов Савельев Тимофеев Фомин Чернов Абрамов Мартынов
Ефимов Федотов Щербаков Назаров Калинин Исаев Чернышёв Быков Маслов Родионов Коновалов Лазарев
Воронин Климов Филатов Пономарёв Голубев Кудрявцев Прохоров Наумов Потапов Журавлёв Овчинников
Трофимов Леонов Соболев Ермаков Колесников Гончаров Емельянов Никифоров Грачёв Котов Гришин
Ежов Ягода Берия Вышинский Ульрих Фриновский Агранов Заковский Миронов Реденс Литвин Шпигельглас
Хрущёв Молотов Каганович Ворошилов Калинин Жданов Маленков Микоян Андреев Косарев Постышев
`;

export const POLISH_SURNAMES = `
Nowak Kowalski Wiśniewski Wójcik Kowalczyk Kamiński Lewandowski Zieliński Szymański Woźniak
Dąbrowski Kozłowski Jankowski Mazur Wojciechowski Kwiatkowski Krawczyk Kaczmarek Piotrowski
Grabowski Zając Pawłowski Michalski Król Wieczorek Jabłoński Wróbel Nowakowski Majewski Olszewski
Stępień Malinowski Jaworski Adamczyk Dudek Nowicki Pawlak Górski Witkowski Walczak Sikora
Baran Rutkowski Michalak Szewczyk Ostrowski Tomaszewski Pietrzak Zalewski Wróblewski Marciniak
Dzierżyński Unszlicht Warski Walecki Kostrzewa Bruno Jasieński Wandurski Łapiński Próchniak
`;

export const YIDDISH_SURNAMES = `
Abramowitz Aronson Berkowitz Bernstein Brodsky Chaikin Eisenberg Epstein Feinberg Finkelstein
Fishman Gelfand Ginsburg Gluckman Gordon Gottlieb Greenberg Grossman Gurevich Halpern Horowitz
Kagan Kaplan Katzenelson Kessel Lipschitz Mandelbaum Margolis Perlman Rabinowitz Rappaport
Reznik Rosenblum Rothstein Sandler Schapiro Schneerson Segal Shulman Slutsky Sobel Teitelbaum
Trachtenberg Wasserman Weinberg Weinstein Zilberman Zuckerman Yudkin Lifshitz Itzkowitz Faynberg
`;

/** The words of a whitespace-separated list, without repeats. */
export function nameList(text: string): string[] {
  return [...new Set(text.split(/\s+/).filter(Boolean))];
}
