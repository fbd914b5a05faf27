## Enlace: English catalogue. Every message here must also exist in es.ftl (a test checks it).

app-name = Enlace
app-tagline = Regional action plan against migrant smuggling
skip-to-content = Skip to content
nav-label = Main navigation
nav-home = Overview
nav-plan = Plan
nav-countries = Countries
nav-protocol = Protocol
language-label = Language
footer-text = Enlace, the monitor of the Regional Conference on Migration’s work plan against migrant smuggling.
demo-banner = Demonstration data: the statuses, milestones and indicator values shown here are generated, not reported by countries.
loading = Loading…

error-not-found-title = Page not found
error-not-found-body = There is nothing at this address. The code may be mistyped, or the item may belong to another plan.
error-internal-title = Something went wrong
error-internal-body = The server could not complete this request. The problem has been logged; please try again in a moment.
error-unavailable-body = The server could not be reached. Check your connection and try again.
error-database-unavailable-title = Temporarily unavailable
error-database-unavailable-body = Enlace cannot reach its database just now. Please try again in a minute; if you were saving, check afterwards that your change is there.
error-unreadable-body = What was sent could not be read as this form expects (a number out of range, or a field missing or repeated). Nothing was saved. Reload the page and try again.
error-too-large-body = What was sent is larger than Enlace accepts ({ $limit } MB at most). Nothing was saved. Shorten the text and try again.
error-back-home = Back to the overview

home-title = Overview
home-intro = Enlace follows the regional work plan of the Regional Conference on Migration against migrant smuggling: where each action stands in each country, and how countries comply with the Protocol against the Smuggling of Migrants by Land, Sea and Air.
home-plan-heading = Current plan
home-figures-heading = The plan in figures
figure-themes = { $count ->
    [one] theme
   *[other] themes
}
figure-actions = { $count ->
    [one] action
   *[other] actions
}
figure-milestones = { $count ->
    [one] milestone
   *[other] milestones
}
figure-members = { $count ->
    [one] member country
   *[other] member countries
}
figure-observers = { $count ->
    [one] observer
   *[other] observers
}
figure-indicators = { $count ->
    [one] Protocol indicator
   *[other] Protocol indicators
}
home-no-plan = No plan has been loaded yet. The secretariat loads one with `enlace load-plan`.

plan-period = { $start }–{ $end }
plan-state-draft = Draft
plan-state-approved = Approved
plan-state-closed = Closed
plan-state-label = State
plan-period-label = Period
plan-themes-heading = Themes and actions
theme-heading = Theme { $code }
theme-actions-heading = Actions of this theme
theme-actions-too-many = The theme's { $actions } actions are too many to draw each in each country here.
theme-actions-in-the-matrix = See them in the matrix, a page at a time.
objective-heading = Objective { $code }
action-heading = Action { $code }
action-count = { $count ->
    [one] { $count } action
   *[other] { $count } actions
}
milestone-count = { $count ->
    [one] { $count } milestone
   *[other] { $count } milestones
}
milestones-achieved = { $achieved } of { $total }
no-milestones = No milestones defined.
no-actions = This theme has no actions yet.

action-theme-label = Theme
action-lead-label = Lead
action-years-label = Years
action-weight-label = Weight
action-articles-heading = Protocol articles
action-milestones-heading = Milestones
action-countries-heading = Status by country
action-description-heading = Description

col-code = Code
col-action = Action
col-title = Title
col-country = Country
col-status = Status
col-milestones = Milestones achieved
col-updated = Last update
col-due = Due
col-weight = Weight
col-membership = Membership
col-provision = Provision
col-indicator = Indicator
col-kind = Kind
col-direction = Desired direction
not-updated = Not yet reported

status-not-started = Not started
status-in-progress = In progress
status-completed = Completed
status-suspended = Suspended
status-cancelled = Cancelled
status-not-applicable = Not applicable

membership-member = Member
membership-observer = Observer

countries-title = Countries
countries-intro = Member countries report on every action of the plan; observers follow the work of the Conference.
countries-members-heading = Member countries
countries-observers-heading = Observers
country-actions-heading = Actions of the plan in { $country }
country-observer-note = { $country } is an observer of the Conference and does not report on the plan’s actions.

protocol-title = Protocol against the Smuggling of Migrants by Land, Sea and Air
protocol-intro = The articles of the Protocol and the indicators that measure each country’s compliance with them.
article-heading = Article { $number }
chapter-label = Chapter { $chapter }
protocol-indicators-count = { $count ->
    [0] No indicators
    [one] { $count } indicator
   *[other] { $count } indicators
}
assessable-shall = Mandatory obligation
assessable-partly = Partly mandatory
assessable-consider = Measures to consider
assessable-with-art-6 = Assessed with article 6
assessable-safeguard = Safeguard clause
assessable-status = Treaty status
assessable-no = Not assessed
kind-yes-no = Yes / no
kind-count = Count per year
kind-percentage = Percentage
kind-number = Number
kind-scale-0-4 = Scale 0–4
direction-higher = Higher is better
direction-lower = Lower is better

month-1 = Jan
month-2 = Feb
month-3 = Mar
month-4 = Apr
month-5 = May
month-6 = Jun
month-7 = Jul
month-8 = Aug
month-9 = Sep
month-10 = Oct
month-11 = Nov
month-12 = Dec
date-format = { $day } { $month } { $year }
month-format = { $month } { $year }

nav-users = Users
nav-audit = Audit trail
nav-account = Your account
sign-out = Sign out
save = Save

error-unauthenticated-title = Sign-in needed
error-unauthenticated-body = Your session has ended. Please sign in again.
error-forbidden-title = Not allowed
error-forbidden-body = Your account does not allow this. If you need it, ask the secretariat.
error-sign-in-title = Could not sign in
error-invalid-credentials = The email or the password is not right.
error-too-many-attempts = Too many failed sign-ins. For your protection, wait { $minutes ->
    [one] a minute
   *[other] { $minutes } minutes
} and try again.
error-invalid-title = Please check what you entered
error-cross-site = This request came from another site and was refused. Go back to Enlace and try again from there.

role-focal-point = Country focal point
role-reviewer = Reviewer
role-secretariat = Secretariat

field-email = Email
field-password = Password
field-name = Name
field-role = Role
field-country = Country
field-country-focal = Country (focal points only)
field-language = Language
field-current-password = Current password
field-new-password = New password
field-confirm-password = New password, again

problem-email-invalid = Enter an email address such as name@example.org.
problem-email-too-long = The email address can have at most { $limit } characters.
problem-email-taken = Another user already has this email address.
problem-name-empty = Enter a name.
problem-name-too-long = The name can have at most { $limit } characters.
problem-name-control = The name contains characters that cannot be shown.
problem-password-too-short = The password must have at least { $limit } characters.
problem-password-too-long = The password can have at most { $limit } characters.
problem-password-weak = This password is too easy to guess. Use a longer passphrase of unrelated words; avoid names, dates, keyboard patterns and your email address.
problem-password-demo = This is the published password of the demonstration accounts: choose another.
problem-password-mismatch = The two new passwords are not the same.
problem-password-unchanged = The new password must differ from the current one.
problem-current-password-wrong = The current password is not right.
problem-country-required = A focal point needs a member country.
problem-country-unknown = There is no such country.
problem-role-invalid = Choose one of the roles.
problem-language-invalid = Choose English or Spanish.
problem-cannot-deactivate-self = You cannot deactivate your own account.
problem-date-invalid = Enter a date as year-month-day.

sign-in-title = Sign in
sign-in-intro = Enlace is for the focal points of the member countries, the reviewers and the secretariat of the Regional Conference on Migration.
sign-in-submit = Sign in

account-title = Your account
account-must-change = You signed in with a one-time password. Choose your own password to continue.
account-password-heading = Change your password
account-password-rules = At least 12 characters; a phrase of several words is easy to remember and hard to guess.
account-password-submit = Change password
account-password-saved = Your password has been changed. Your other sessions have been signed out.
account-language-heading = Language
account-language-saved = Your language has been saved.

users-title = Users
users-intro = Who can sign in to Enlace, with which role, and for which country.
users-table-caption = All users
users-col-state = State
users-col-actions = Actions
users-state-active = Active
users-state-inactive = Deactivated
users-state-must-change = Active, must change password
users-deactivate = Deactivate
users-reactivate = Reactivate
users-one-time-password = One-time password
users-one-time-password-help = The user must change it at their first sign-in. Give it to them by a separate channel.
users-set-password = Set
users-new-heading = New user
users-no-country = None
users-create = Create user

audit-title = Audit trail
audit-intro = Every change made in Enlace, by whom and when, with the values before and after. Entries cannot be changed or deleted.
audit-filter-user = User
audit-filter-entity = Record type
audit-filter-from = From
audit-filter-to = To
audit-filter-submit = Filter
audit-any = Any
audit-summary = { $total ->
    [one] 1 entry
   *[other] { $total } entries
}, page { $page } of { $pages }
audit-table-caption = Changes, newest first
audit-col-when = When (UTC)
audit-col-who = Who
audit-col-what = What
audit-col-change = Values
audit-show-values = Before and after
audit-before = Before
audit-after = After
audit-system = Enlace
audit-pages = Pages of the audit trail
audit-previous = Newer entries
audit-next = Older entries

schedule-on-track = On track
schedule-needs-acceleration = Needs acceleration
schedule-off-track = Off track

error-conflict-title = Someone else saved this first
error-conflict-body = { $who } saved this record on { $when } UTC, after you opened it, and changed: { $fields }. Your changes were not saved and nothing was overwritten. Reload the page to see the current values, then make your changes again.
conflict-someone = Another user
field-status = Status
field-narrative = Narrative
field-milestones = Milestones
field-evidence = Evidence

problem-status-invalid = Choose one of the statuses.
problem-narrative-too-long = The narrative can have at most { $limit } characters.
problem-narrative-control = The narrative contains characters that cannot be shown.
problem-comment-too-long = The comment can have at most { $limit } characters.
problem-note-too-long = A milestone note can have at most { $limit } characters.
problem-note-control = A milestone note is one line, without characters that cannot be shown.
problem-milestone-other-action = A milestone in the form belongs to another action.
problem-milestone-repeated = A milestone appears twice in the form.
problem-achieved-before-plan = The date a milestone was achieved cannot be before the plan starts, in { $limit }.
problem-achieved-in-future = The date a milestone was achieved cannot be in the future.

status-delayed = Delayed
update-saved = Saved. The history below shows the change.
update-progress = Progress
update-progress-none = Not counted (cancelled or not applicable)
update-updated-by = { $date }, by { $who }
update-no-narrative = No narrative yet.
update-achieved-on = Achieved on
update-not-achieved = Not yet
update-heading = Update this action
update-narrative-en = Narrative in English
update-narrative-es = Narrative in Spanish
update-milestones-legend = Milestones achieved (leave the date empty if not yet)
update-milestone-note = Note
update-comment = Comment on this change (optional)
update-history-heading = History
update-history-empty = No change recorded yet.
history-status = status changed from { $before } to { $after }
history-milestone-achieved = milestone “{ $milestone }” achieved on { $date }
history-milestone-open = milestone “{ $milestone }” marked as not achieved
history-narrative = narrative updated
percent = { $percent }%

nav-matrix = Matrix
matrix-title = Comparative matrix
matrix-intro = Where every action of the plan stands in each country, as the countries report it. Open a cell for the country's milestones, narrative and history.
matrix-all-themes = All themes
matrix-group = Countries
matrix-caption = { $actions ->
    [one] 1 action
   *[other] { $actions } actions
} × { $countries ->
    [one] 1 country
   *[other] { $countries } countries
}
matrix-unknown-theme = The plan has no theme with the code in the address; every theme is shown.
matrix-unknown-group = The address names no known group of countries; the member countries are shown.

update-comments-heading = Comments
update-comments-empty = No comments yet.
update-comment-body = Your comment to the country
update-comment-submit = Add comment
problem-comment-empty = Write a comment.
problem-comment-control = The comment contains characters that cannot be shown.

update-no-evidence = No evidence linked yet.
update-evidence-legend = Evidence: links to public documents (leave a row empty to add none)
update-evidence-title = Title
update-evidence-url = Address
history-evidence = evidence links updated
problem-evidence-url = An evidence link must be a web address starting with http:// or https://.
problem-evidence-title = Give each evidence link a title.
problem-evidence-title-long = An evidence title can have at most { $limit } characters, all visible.
problem-evidence-too-many = An update can have at most { $limit } evidence links.

attachments-heading = Attached files
attachments-empty = No file attached yet.
attachment-file = File
attachment-rules = PDF, images (PNG, JPEG, GIF, WebP) or Office and OpenDocument files, up to 10 MB each, at most 20 files and 100 MB per update. Every signed-in user can download them.
attachment-submit = Attach file
attachment-saved = The file is attached.
attachment-size = { $kilobytes } KB
problem-file-missing = Choose a file to attach.
problem-file-too-large = The file is larger than { $limit } MB.
problem-file-type = The file is not a PDF, an image or an Office or OpenDocument file (its content was checked, not its name).
problem-file-name = The file needs a name.
problem-file-unreadable = The file could not be received. Try again.
problem-attachments-too-many = An update can have at most { $limit } attached files: this one was not added.
problem-attachments-too-large = The files attached to an update can take at most { $limit } MB together.

## Indicators, values and the article scorecard
nav-scorecard = Scorecard
nav-rounds = Reporting rounds
nav-outbox = Outbox
answer-yes = Yes
answer-no = No
percent-value = { $value }%
col-article = Article
col-assessment = Assessment
col-baseline = Baseline
col-basis = Basis
col-target = Target
col-trend = Trend
col-year = Year
col-state = Submission
col-submitted = Submitted
col-validated = Validated
col-opens = Opens
col-round = Round
col-timeliness = Against the due date
col-reminders = Reminders
basis-protocol-text = Obligation as worded in the Protocol
basis-composed = Measure composed for the plan
scale-level-0 = None
scale-level-1 = Planned or draft
scale-level-2 = Formally adopted
scale-level-3 = Operational
scale-level-4 = Operational and monitored
scale-levels-heading = Levels of the scale
trend-improving = Improving
trend-steady = No change
trend-worsening = Worsening
indicator-retired = Retired
indicator-retired-notice = This indicator is retired: countries no longer report it. Its values are kept.
indicator-countries-heading = Countries side by side
indicator-new-heading = Add an indicator
indicator-create = Add indicator
indicator-edit-heading = Edit this indicator
indicator-name-en = Name in English
indicator-name-es = Name in Spanish
indicator-retire = Retire indicator
indicator-retire-help = A retired indicator is no longer reported; its values and history stay.
indicator-reinstate = Reinstate indicator
indicator-reinstate-help = Countries will report this indicator again.
targets-heading = Baseline and target
targets-set-help = The baseline and target you set are the ones the assessment uses.
targets-propose-help = Propose your country's baseline and target; the secretariat confirms them.
target-baseline-year = Baseline year
target-baseline-value = Baseline value
target-target-year = Target year
target-target-value = Target value
target-set = Set baseline and target
target-propose = Propose baseline and target
target-proposed = proposed by the country
scorecard-title = Protocol article scorecard
scorecard-intro = For each country, in its latest year with validated values: the share of each article's yes/no indicators that are met, and the mean level of its 0–4 scale indicators as a share of the top level.
scorecard-link = See the article scorecard
scorecard-no-data = No validated values yet
scorecard-yes-no = { $percent } met
scorecard-scale = scale { $percent }
country-indicators-title = Protocol indicators: { $country }
notice-round-unknown = There is no reporting round for that year; the latest round is shown.
notice-no-rounds = No reporting round has been opened yet: values can be entered once the secretariat opens one.
rounds-label = Reporting rounds
round-name = { $year } round
values-heading = Values by year
values-validated-only = Only validated values count in assessments and the scorecard. Values not yet validated are marked, and only the country and the secretariat see them.
values-entry-heading = Values for { $year }
values-entry-help = Leave an indicator empty if you do not report it. Each value needs its source. Percentages are entered as numerator and denominator.
values-save = Save values
values-saved = The values are saved.
value-numerator = Numerator
value-denominator = Denominator
value-source = Source
value-note = Note (optional)
value-not-reported = Not reported
submission-heading = Submission for { $year }
submission-not-started = Not started
submission-draft = Draft
submission-submitted = Submitted
submission-returned = Returned
submission-validated = Validated
submission-submit = Submit for validation
submission-submit-help = Submitting sends your values and action statuses for this year to the secretariat; you cannot change them unless it returns them.
submission-validate = Validate
submission-return = Return to the country
submission-return-reason = Why it goes back to the country
submission-reopen = Reopen
submission-reopen-reason = Why it is reopened
submission-returned-because = The secretariat returned this submission:
field-indicator-values = indicator values
field-submission-state = submission
problem-value-missing = Enter the value, or clear its source and note.
problem-yes-no-invalid = Choose yes or no.
problem-count-invalid = The value must be a whole number, 0 or more.
problem-number-invalid = The value must be a number, 0 or more (for example 12.5).
problem-scale-invalid = The value must be a level of the scale, from 0 to 4.
problem-percentage-invalid = The value must be a percentage from 0 to 100.
problem-numerator-invalid = The numerator must be a whole number, 0 or more.
problem-denominator-invalid = The denominator must be a whole number greater than 0.
problem-numerator-above-denominator = The numerator cannot be greater than the denominator.
problem-source-required = Give the source of the value.
problem-source-too-long = The source can have at most { $limit } characters.
problem-value-note-too-long = The note can have at most { $limit } characters.
problem-number-too-large = A number can have at most { $limit } digits before the decimal point.
problem-source-control = The source is one line, without characters that cannot be shown.
problem-value-note-control = The note contains characters that cannot be shown.
problem-indicator-unknown = There is no such indicator.
problem-indicator-repeated = The indicator appears twice in the form.
problem-indicator-retired = The indicator is retired and takes no new values.
problem-year-invalid = Enter the year as four digits.
problem-year-outside-plan = The year must be one of the plan's years.
problem-no-round = There is no reporting round for this year.
problem-submission-locked = This submission is submitted or validated: its values cannot change unless the secretariat returns or reopens it.
problem-submit-not-allowed = Only a draft or a returned submission can be submitted. Save at least one value first.
problem-return-not-allowed = Only a submitted submission can be returned.
problem-validate-not-allowed = Only a submitted submission can be validated.
problem-reopen-not-allowed = Only a validated submission can be reopened.
problem-reason-required = Give the reason; the country will see it.
problem-reason-too-long = The reason can have at most { $limit } characters.
problem-reason-control = The reason contains characters that cannot be shown.
problem-step-unknown = This step does not exist.
problem-baseline-year = The baseline year must be a year from 2000 to the plan's last year.
problem-target-year = The target year must be one of the plan's years, after the baseline year.
problem-target-confirmed = The secretariat has set this baseline and target; ask it to change them.
problem-article-unknown = Choose one of the Protocol's articles.
problem-provision = Enter the provision, in at most { $limit } characters.
problem-indicator-name-en = Enter the name in English, in at most { $limit } characters.
problem-indicator-name-es = Enter the name in Spanish, in at most { $limit } characters.
problem-kind-invalid = Choose one of the kinds.
problem-direction-invalid = Choose the desired direction.
problem-basis-invalid = Choose the basis of the indicator.
problem-indicator-code = The code has 2 to { $limit } letters, digits, dots or hyphens, at least one of them a letter or a digit.
problem-indicator-code-taken = Another indicator already has this code.
problem-kind-has-values = Countries have reported values of this indicator: its kind cannot change.
problem-statuses-locked = The country's submission for this year is validated: its action statuses cannot change unless the secretariat reopens it.

## Reporting rounds and reminders
rounds-title = Reporting rounds
rounds-intro = Each year, every member country reports its indicator values and confirms its action statuses; the secretariat validates each submission or returns it with a reason.
rounds-empty = No reporting round has been opened yet.
round-open-heading = Open a reporting round
round-edit-heading = Correct the round
round-update = Save the round
round-updated = The round's dates and reminder days were saved.
round-delete = Delete this round
round-delete-help = No country has started its submission and no reminder has gone out: a round opened by mistake can still be deleted.
round-deleted = The round of { $year } was deleted.
round-open = Open round
round-year-hint = A year of the plan, from { $start } to { $end }.
round-remind-before = Remind late countries this many days before the due date (comma-separated)
round-remind-after = …and this many days after it
round-reminders = Automatic reminders
round-reminder-rules = days before: { $before }; days after: { $after }
problem-round-exists = There is already a round for this year.
problem-round-in-use = A country has started its submission in this round, or a reminder has gone out: the round cannot be deleted. Correct its dates instead.
problem-due-before-opening = The due date cannot be before the opening date.
problem-round-date-outside-plan = A round's dates fall within the plan's years, or the year before or after them.
problem-reminder-days = Reminder days are whole numbers from 0 to { $limit }, separated by commas.
problem-reminder-too-many = At most { $limit } reminder days on each side of the due date.
tracker-label = Submissions by country
timeliness-pending = { $days ->
    [0] due today
    [one] due in 1 day
   *[other] due in { $days } days
}
timeliness-overdue = { $days ->
    [one] 1 day overdue
   *[other] { $days } days overdue
}
timeliness-on-time = submitted on time
timeliness-late = { $days ->
    [one] submitted 1 day late
   *[other] submitted { $days } days late
}
reminder-send = Remind
reminder-sent = The reminder is on its way to the country's focal points.
reminder-delivery-smtp = Reminders are sent by email to the country's focal points.
reminder-delivery-outbox = No email server is configured: reminders wait in the outbox for you to forward them.
reminder-log-heading = Reminders sent
reminder-log-empty = No reminder has been sent in this round.
reminder-automatic = automatic ({ $rule })
reminder-outcome-sent = sent
reminder-outcome-queued = in the outbox
reminder-outcome-failed = could not be sent
reminder-outcome-no-recipients = not sent: the country has no active focal point
reminder-outcome-superseded = superseded
reminder-outcome-sending = being sent
problem-nothing-to-remind = This country has already submitted: there is nothing to remind it of.
reminder-subject = Enlace: { $country }, { $year } reporting round
reminder-body = The { $year } reporting round of the regional plan against migrant smuggling is waiting for { $country }'s submission (now: { $state }). { $when } Please sign in to Enlace, enter the Protocol indicator values, confirm the action statuses and submit them.
reminder-due = { $days ->
    [0] It is due today, { $date }.
    [one] It is due tomorrow, { $date }.
   *[other] It is due in { $days } days, on { $date }.
}
reminder-overdue = { $days ->
    [one] It was due on { $date }, 1 day ago.
   *[other] It was due on { $date }, { $days } days ago.
}
outbox-title = Outbox
outbox-intro = Reminders and monthly digests waiting to be forwarded, because no email server is configured. Copy each to its recipients.
outbox-empty = The outbox is empty.
outbox-to = to

## Dashboards
dashboard-heading = Where the plan stands on { $date }
dashboard-regional = Regional progress: { $actual } achieved against { $expected } expected by now ({ $status }).
dashboard-filters = Dashboard filters
dashboard-as-of = As of
dashboard-group = Countries
dashboard-group-members = Member countries
dashboard-group-observers = Observer countries
dashboard-plan = Plan
dashboard-theme = Theme
dashboard-all-themes = All themes
dashboard-apply = Show
notice-as-of-outside-plan = The date in the address is outside the plan's period; the nearest date of the plan is shown.
notice-as-of-invalid = The date in the address could not be read; today is shown.
notice-group-unknown = The address names no known group of countries; the member countries are shown.
notice-theme-unknown = The plan has no theme with the code in the address; every theme is shown.
notice-plan-unknown = No plan has the code in the address; the current plan is shown.
chart-numbers = The numbers
chart-no-data = no data
chart-actual = Achieved
chart-expected = Expected
chart-schedule = Against the schedule
chart-delayed-count = { $count ->
    [one] 1 delayed
   *[other] { $count } delayed
}
chart-themes-title = Progress by theme
chart-themes-desc = For each theme, the mean over the countries of the share of milestones achieved by { $date }, with a mark at the share expected by then; the colour and the words say whether it is on track.
chart-countries-title = Progress by country
chart-countries-desc = For each country, the share of its actions' milestones achieved by { $date }, highest first, with a mark at the share expected by then.
chart-heatmap-title = Countries and themes
chart-heatmap-desc = Each country's progress in each theme on { $date }; darker is further.
chart-statuses-title = Statuses by theme
chart-statuses-desc = How many country actions of each theme stand in each status on { $date }, and how many of them are delayed.
chart-day = Day
chart-trajectory-title = Progress over time
chart-trajectory-desc = Regional progress at the end of each month since the plan began, up to { $date }: the share of milestones achieved (solid line) against the share expected by then (dashed line).
chart-count = Count
chart-scorecard-title = Protocol article scorecard
chart-scorecard-desc = For each country, in its latest year with validated values: the share of each Protocol article's yes/no indicators that are met, or, for an article measured only on the 0–4 scale, its mean level as a share of the top level.
chart-round-title = Submissions in the { $year } round
chart-round-desc = How many member countries' submissions stand in each state in the { $year } reporting round.
chart-country-themes-title = { $country }: progress by theme
chart-country-themes-desc = For each theme, the share of { $country }'s milestones achieved by { $date }, with a mark at the share expected by then; the colour and the words say whether it is on track.
chart-country-trajectory-title = { $country }: progress over time
chart-country-trajectory-desc = { $country }'s progress at the end of each month since the plan began, up to { $date }: the share of its milestones achieved (solid line) against the share expected by then (dashed line).
chart-indicator-trends-title = { $country }: indicators against their targets
chart-indicator-trends-desc = For each indicator with a baseline and a target the secretariat set, { $country }'s values validated by { $date } (solid line from the baseline), their trend projected to the target year (dashed line, in the colour of the assessment), the baseline (dotted) and the target (dashed).
chart-projection = Projection
chart-latest = Latest validated value
chart-projected = Projected by the target year
chart-value-in-year = { $value } in { $year }
country-dashboard-delayed = Delayed actions
country-dashboard-none-delayed = No action is delayed.
country-dashboard-due = Milestones due in the next { $days } days
country-dashboard-none-due = No milestone falls due in that time.
country-dashboard-progress = { $actual } achieved, { $expected } expected
chart-theme-countries-title = { $theme }: progress by country
chart-theme-countries-desc = For each member country, the share of the theme's milestones it achieved by { $date }, highest first, with a mark at the share expected by then.
chart-theme-actions-title = { $theme }: each action in each country
chart-theme-actions-desc = The progress of each of the theme's actions in each member country on { $date }; a dash where the action is cancelled or does not apply.

## The annual report
report-col-achieved-on = Achieved on
report-summary-progress = By { $date }, the member countries had achieved { $actual } of the plan's milestones on average, against { $expected } expected by then. { $status ->
    [on_track] The plan is on track.
    [needs_acceleration] The plan needs acceleration.
   *[off_track] The plan is off track.
}
report-summary-year = During { $year }, { $achieved ->
    [one] one milestone was achieved
   *[other] { $achieved } milestones were achieved
}, against { $due ->
    [one] one
   *[other] { $due }
} that fell due in the year ({ $share }).
report-summary-year-none-due = During { $year }, { $achieved ->
    [one] one milestone was achieved
   *[other] { $achieved } milestones were achieved
}; none fell due in the year.
report-themes-on-track = { $count ->
    [one] One theme is on track: { $list }.
   *[other] { $count } themes are on track: { $list }.
}
report-themes-none-on-track = No theme is on track yet.
report-themes-needing-acceleration = { $count ->
    [one] One theme needs acceleration: { $list }.
   *[other] { $count } themes need acceleration: { $list }.
}
report-themes-off-track = { $count ->
    [one] One theme is off track: { $list }.
   *[other] { $count } themes are off track: { $list }.
}
report-most-completed = { $list } completed the most actions in { $year } ({ $count ->
    [one] one action
   *[other] { $count } actions
}{ $countries ->
    [one] {""}
   *[other] {" each"}
}).
report-none-completed = No action was completed in { $year }.
report-became-delayed = { $count ->
    [0] No action became delayed during the year.
    [one] One action became delayed during the year.
   *[other] { $count } actions became delayed during the year.
}
report-indicator-of = { $code } ({ $country })
report-into-compliance = { $count ->
    [0] No indicator moved into compliance with its target.
    [one] One indicator moved into compliance with its target: { $list }.
   *[other] { $count } indicators moved into compliance with their targets: { $list }.
}
report-out-of-compliance = { $count ->
    [0] None moved out of compliance.
    [one] One moved out of compliance: { $list }.
   *[other] { $count } moved out of compliance: { $list }.
}
report-timeliness = In the { $year } round, { $on_time ->
    [0] no country
    [one] one country
   *[other] { $on_time } countries
} submitted on time, { $late ->
    [0] none
    [one] one
   *[other] { $late }
} late, and { $missing ->
    [0] none is missing
    [one] one has not submitted
   *[other] { $missing } have not submitted
}.
report-country-progress = It had achieved { $actual } of its milestones, against { $expected } expected; { $status ->
    [on_track] it is on track.
    [needs_acceleration] it needs acceleration.
   *[off_track] it is off track.
}
report-country-no-progress = None of its actions counts towards progress.
report-country-year = In { $year } it reached { $achieved ->
    [0] no milestone
    [one] one milestone
   *[other] { $achieved } milestones
} and completed { $completed ->
    [0] no action
    [one] one action
   *[other] { $completed } actions
}; { $delayed ->
    [0] no action is delayed.
    [one] one action is delayed.
   *[other] { $delayed } actions are delayed.
}
problem-report-no-round = There is no reporting round for that year: choose the year of a round.
nav-reports = Annual report
reports-title = Annual follow-up report
reports-intro = The report to the Regional Conference on how the plan advanced in a year: choose the year of a reporting round and the report's language, read it here, and download it.
reports-choose = Choose the report
reports-language = Language of the report
reports-show = Show
reports-no-rounds = There is no reporting round yet: the report covers the year of a round.
reports-generate-xlsx = Data annex (Excel)
reports-none = None.
notice-report-language = The report is written in English or Spanish; it is shown in the page's language.
notice-report-year = The year in the address has no reporting round; the latest round's report is shown.
report-title = Annual follow-up report
report-heading = Annual follow-up report { $year }
report-data-as-of = Figures as of { $date }
report-executive-summary = Executive summary
report-regional-progress = Regional progress
report-what-changed = What changed in { $year }
report-change = Change
report-change-completed = Actions completed
report-change-became-delayed = Actions that became delayed
report-by-country = Country by country
report-milestones-achieved = Milestones achieved in the year
report-indicators = Protocol indicators
report-value-in = Value in { $year }
report-timeliness-heading = Submissions in the { $year } round
report-due-on = Submissions were due on { $date }.
report-on-time = On time
report-late = Late
report-missing = Not submitted
report-methods = Methods
report-method-action = An action's progress in a country is the weight of its milestones achieved divided by the weight of all its milestones. An action without milestones counts 0 when not started, 0.5 when in progress or suspended, and 1 when completed; a completed action always counts 1. Cancelled and not-applicable actions are left out of every mean.
report-method-expected = The progress expected on a date is the weight of the milestones due on or before that date divided by the weight of all of them.
report-method-means = A country's progress in a theme is the mean of its actions' progress, weighted by the actions' weights; its overall progress is the weighted mean over all its applicable actions. Regional progress, by theme and overall, is the mean over the member countries.
report-method-schedule = The schedule status compares achieved with expected progress: at least 95 % of the expected is on track, at least 60 % needs acceleration, less is off track (with nothing expected yet, on track). An action is delayed when a milestone is past its due date and not achieved, or its end year has passed and it is not completed.
report-method-indicators = An indicator with a target is projected to the target year from the compound annual growth since the baseline (a straight line for yes/no and 0–4 scale indicators); its score is (projected − baseline) ÷ (target − baseline): at least 0.95 is on track, at least 0.10 needs acceleration, less is off track, mirrored for indicators that should fall. A yes/no indicator is on track when met. Only validated values count; an indicator complies when it is on track.
report-method-scorecard = The Protocol article scorecard gives, for each country in its latest year with validated values, the share of each article's yes/no indicators that are met, or for an article measured only on the 0–4 scale its mean level divided by 4.
report-data-annex = The data annex (Excel) holds every figure of this report, one sheet per table.
report-sheet-summary = Summary
report-sheet-themes = Themes
report-sheet-countries = Countries
report-sheet-country-themes = Countries by theme
report-sheet-milestones = Milestones achieved
report-sheet-changes = Changes in the year
report-sheet-delayed = Delayed actions
report-sheet-indicators = Indicators
report-sheet-scorecard = Scorecard
report-sheet-submissions = Submissions
report-plan = Plan
report-data-date = Figures as of
report-iso = ISO code
report-milestone = Milestone
report-narrative = The country's account
report-value = Value
report-value-as-written = Value as written
report-score = Score
problem-report-language = The report is written in English (en) or Spanish (es): choose one of them.
problem-report-format = The report is downloaded as pdf, docx or xlsx.
list-more = { $count } more
report-scorecard-caption = Share of each Protocol article's indicators met, by country (the columns are the articles)
report-statuses-caption = How many of the country's actions stand in each status, by theme
report-data-annex-heading = Data annex
reports-generate-pdf = Report (PDF)
reports-generate-docx = Report (Word)
reports-generate = Generate and download
reports-generate-help = Each file is kept, with who generated it, when and its checksum, and can be downloaded again below.
reports-generated-by-secretariat = The secretariat generates the report as PDF, Word and Excel files; the files it has kept are listed above, to download.
reports-generating = Generating the report… this takes a few seconds; the download starts when it is ready.
reports-kept = Reports kept
reports-kept-none = No report has been generated yet.
reports-format = Format
reports-generated-by = Generated by
reports-generated-at = Generated on
reports-checksum = SHA-256
reports-download = Download
report-country-not-validated = Its submission for { $year } is not validated ({ $state }): its indicator values for the year are not in this report, and its assessments stand on the values validated before.
report-no-submission = no submission
report-milestones-by-country = Milestones each member country reached in { $year }
report-milestones-count = Milestones reached
problem-report-plan = No plan has that code: choose one of the plans.
reports-ready = The report is ready: your browser is downloading it.
update-locked = The statuses of { $year } were confirmed in a submission the secretariat validated: they can be updated again once the secretariat reopens it.
field-error-prefix = Error:

## The plan's rules (plan file and plan editing)
plan-part-plan = plan
plan-part-theme = theme
plan-part-objective = objective
plan-part-action = action
plan-part-milestone = milestone
plan-rule-empty = must not be empty
plan-rule-hidden-characters = must not contain control characters or characters that reorder text
plan-rule-bad-code = the { $kind } code '{ $code }' must be letters, digits, '.', '-' or '_', with at least one letter or digit (it is part of addresses)
plan-rule-duplicate-code = the { $kind } code '{ $code }' is used twice
plan-rule-bad-weight = must be a number of zero or more
plan-rule-bad-start-year = must be a year such as 2025
plan-rule-end-year-range = must be a year from { $start } (the start year) to { $latest }
plan-rule-outside-period = { $year } is outside the plan's period { $start }–{ $end }
plan-rule-end-before-start = must not be before start_year
plan-rule-no-themes = a plan needs at least one [[theme]]
plan-rule-unknown-article = the Protocol has no article { $number }
plan-rule-bad-country = '{ $code }' must be a country's two-letter ISO code in capitals, such as CR
plan-rule-unknown-country = no country with the code { $code } is in Enlace; add it on the countries page first
plan-rule-duplicate-country = the country { $code } is listed twice
plan-rule-too-long = must be at most { $most } characters

## Figures without milestones or reports (dashboards::figures::Basis)
basis-no-milestones = No milestones defined yet
basis-none-reported = No country has reported yet
basis-not-reported = Not reported yet
dashboard-regional-by-status = Regional progress: { $actual } achieved, by the statuses reported ({ $gaps }).
dashboard-regional-unmeasured = Regional progress: { $gaps }.
report-summary-no-milestones = No milestones defined yet: the plan's actions have none, so its progress cannot be measured against a schedule.
report-summary-by-status = By { $date }, the statuses the member countries reported gave { $actual } on average.
report-summary-none-reported = No country has reported yet: by { $date }, no member country had reported a status other than not started, nor reached a milestone.
report-themes-unmeasured = { $count ->
    [one] One theme cannot be measured against the schedule yet, for want of milestones or reports: { $list }.
   *[other] { $count } themes cannot be measured against the schedule yet, for want of milestones or reports: { $list }.
}
report-country-no-milestones = No milestones defined yet for its actions.
report-country-by-status = The statuses it reported give { $actual }, which cannot be measured against a schedule.
report-country-not-reported = Not reported yet: none of its actions had a status other than not started, nor a milestone reached.

## Plan revisions
update-action-retired = This action was retired from the plan: it takes no more updates.
update-not-taking-part = The plan does not apply this action to your country: it is not applicable, and takes no updates from it.
revision-state-draft = Draft
revision-state-approved = Approved
revision-state-discarded = Discarded
revision-file-other-plan = This file describes the plan '{ $code }', not '{ $plan }': a file loaded as a revision must keep the plan's code.
revision-file-error = { $file }, line { $line }, field “{ $field }”: { $message }
revision-busy = The draft changed while you were saving. Your edit was not saved: please try again.
revision-no-differences = This revision changes nothing in the plan as last approved: there is nothing to approve.
revision-not-draft = This revision is no longer a draft (it was approved or discarded): it cannot be changed.
revision-draft-open = A draft revision is already open: approve or discard it before starting another.
revision-reason-required = Say why the plan changes (the Conference's decision, for example).
revision-reason-invalid = The reason must be at most { $limit } characters, without control characters.
revision-effective-outside = The revision must take effect within the plan's period, from { $start } to { $end }.
revision-effective-before-latest = The revision cannot take effect before { $day }, when revision { $number } took effect.
revision-part-missing = That part of the plan is not in this draft any more (it was retired or changed meanwhile).
revision-part-not-empty = Retire or move what this { $kind } holds before retiring it.
directory-heading = Directory of the network
directory-intro = The people who answer for { $country } in the Conference's network against migrant smuggling, and how to reach them.
directory-empty = No contacts listed yet for { $country }.
directory-empty-can-add = Add its focal points and liaison officers below.
directory-col-institution = Institution
directory-col-languages = Languages
directory-col-phone = Phone
directory-email-label = Email (optional)
directory-phone-label = Phone (optional)
directory-phone-hint = Digits, with spaces, + - ( ) . and “ext” before an extension.
directory-add-heading = Add a contact
directory-add = Add contact
directory-edit-heading = Correct or remove a contact
directory-edit-summary = Correct or remove { $name }
directory-save = Save contact
directory-remove = Remove from the directory
directory-contact-added = The contact was added to the directory.
directory-contact-saved = The contact was saved.
directory-contact-removed = The contact was removed from the directory.
contact-role-focal-point = Focal point
contact-role-liaison-officer = Liaison officer
contact-language-en = English
contact-language-es = Spanish
contact-language-fr = French
contact-language-pt = Portuguese
problem-institution-empty = Enter the institution.
problem-institution-too-long = The institution's name can have at most { $limit } characters.
problem-institution-control = The institution's name contains characters that cannot be shown.
problem-contact-role = Choose focal point or liaison officer.
problem-contact-languages = Tick at least one of the languages: English, Spanish, French or Portuguese.
problem-phone-invalid = Enter a phone number of at least 4 digits, with only spaces, + - ( ) . and “ext” before an extension.
problem-phone-too-long = The phone number can have at most { $limit } characters.
countries-add-heading = Add a country
countries-add = Add country
country-iso2 = Two-letter ISO code
country-iso3 = Three-letter ISO code
country-name-en = Name in English
country-name-es = Name in Spanish
country-working-language = Working language in the Conference
country-added = { $country } was added. List its focal points in its directory below.
problem-country-iso2 = Enter the country's two-letter ISO 3166 code, such as BR.
problem-country-iso3 = Enter the country's three-letter ISO 3166 code, such as BRA.
problem-country-iso2-taken = Another country already has this two-letter code.
problem-country-iso3-taken = Another country already has this three-letter code.
problem-country-name-en = Enter the name in English, in at most { $limit } characters, all of them visible.
problem-country-name-es = Enter the name in Spanish, in at most { $limit } characters, all of them visible.
problem-membership-invalid = Choose member or observer.
revisions-title = Revisions of the plan
revisions-link = Revisions of the plan, and changing it
revisions-history = History
plan-file-download = Download the plan file (TOML)
revision-open-draft = Revision { $number } is a draft: continue editing it
revision-number = Revision
revision-state = State
revision-effective-on = Takes effect on
revision-reason = Reason
revision-approved = Approved
revision-differences = Changes
revision-original = The plan as first loaded
revision-start-heading = Start a revision
revision-start-hint = A revision starts from the plan as last approved. Edit its parts, then approve it: from the day it takes effect, figures use the plan as revised; figures of earlier days keep the plan as it stood then.
revision-start = Start the revision
revision-load-heading = Load a plan file as a revision
revision-load-hint = Choose the plan file (the same plan code), or paste its text. The revision's page then shows what it would change; approving it applies all of it, discarding it nothing.
revision-upload = Plan file (TOML)
revision-plan-file = Or paste the plan file's text
revision-file-missing = Choose a plan file or paste its text.
revision-load = Load as a draft revision
revision-title = Revision { $number } of the plan
revision-changes-heading = What it changes
revision-no-changes = Nothing changes against the plan approved before it.
revision-added = added
revision-retired = retired (what countries reported on it is kept)
revision-reordered = the parts under it stand in another order
revision-changed = { $field } changed from “{ $before }” to “{ $after }”
revision-details-heading = Reason and date
revision-outline-heading = The plan in this draft
revision-edit-theme = Edit the theme
revision-edit-objective = Edit the objective
revision-edit-action = Edit the action
revision-edit-milestone = Edit the milestone
revision-add-theme = Add a theme
revision-add-objective = Add an objective to this theme
revision-add-action = Add an action here
revision-add-milestone = Add a milestone to this action
revision-add = Add
revision-no-milestones = No milestones defined yet.
revision-move-up = Move { $code } up
revision-move-down = Move { $code } down
revision-retire = Retire { $code }
revision-decide-heading = Approve or discard
revision-approve-hint = Approving applies every change of this draft at once, from its effective date.
revision-approve = Approve the revision
revision-discard = Discard the draft
plan-field-code = Code
plan-field-milestone-code = Code (optional: M1, M2… by default)
plan-field-name-en = Name in English
plan-field-name-es = Name in Spanish
plan-field-title-en = Title in English
plan-field-title-es = Title in Spanish
plan-field-description-en = Description in English
plan-field-description-es = Description in Spanish
plan-field-lead = Lead
plan-field-start-year = Start year
plan-field-end-year = End year
plan-field-weight = Weight
plan-field-articles-label = Protocol articles (numbers, separated by commas)
plan-field-countries = Countries taking part (ISO codes; empty: every country)
plan-field-countries-hint = codes: { $codes }
plan-field-place = Under
plan-field-due = Due on
plan-field-year = Enter a year such as 2027.
plan-field-date = Enter a date such as 2027-06-30.
plan-field-articles = Enter article numbers separated by commas, such as 6, 10.
dashboard-theme-progress = The theme across the member countries: { $actual } achieved against { $expected } expected by now ({ $status }).
dashboard-theme-progress-by-status = The theme across the member countries: { $actual } achieved, by the statuses reported ({ $gaps }).
dashboard-theme-progress-unmeasured = The theme across the member countries: { $gaps }.
dashboard-country-progress = The country over every action: { $actual } achieved against { $expected } expected by now ({ $status }).
dashboard-country-progress-by-status = The country over every action: { $actual } achieved, by the statuses reported ({ $gaps }).
dashboard-country-progress-unmeasured = The country over every action: { $gaps }.
update-not-taking-part-note = The plan does not apply this action to { $country }: it is not applicable, and takes no updates.
problem-file-not-text = The file is not text (UTF-8): save it as a text file and choose it again.
revision-approved-notice = The revision is approved: the plan is revised from the day it takes effect.
plan-kind-plan = Plan
plan-kind-theme = Theme
plan-kind-objective = Objective
plan-kind-action = Action
plan-kind-milestone = Milestone
plan-field-approved-on = Approved on
revision-changed-since = The draft changed since this page was opened (another edit was saved): read it again, then make your change.
revision-not-yet-effective = This revision takes effect on { $day }: it can be approved from that day on, and stays a draft until then.
plan-rule-bad-date = must be a date from 1900 to 2200
export-csv = CSV
export-xlsx = Excel (XLSX)
export-download = Download this table:
export-col-action = Action
export-col-record = Record
export-col-operation = Operation
export-col-country = Country
export-scorecard-yes-no = Art. { $number }: yes/no indicators met
export-scorecard-scale = Art. { $number }: level (share of 4)
export-col-progress = Progress (0–1)
export-col-milestones-total = Milestones
export-col-updated-by = Updated by
export-yes = Yes
export-tracker-title = Round { $year }
export-col-state-of = State { $year }
export-col-baseline-year = Baseline year
export-col-target-year = Target year
nav-imports = Import
imports-title = Import from a spreadsheet
imports-intro = Fill a template offline, with colleagues, and upload it once: Enlace checks every row with the same rules as the forms and shows what will change before anything is written.
imports-none = Your account does not report for a country: there is nothing for you to import.
imports-pending = Your imports waiting for confirmation
import-statuses-heading = Action statuses and milestones
import-statuses-hint = The template lists each action with its status and narratives, and each milestone with the day it was achieved. Change what has moved, leave the rest, and upload the file here (Excel, or CSV with commas or semicolons).
import-statuses-templates = Download the template of:
import-values-heading = Indicator values
import-values-hint = Download the template of this round, fill in the values offline and upload it here: you will see what changes before it is saved.
import-values-template = Template of the { $year } round (Excel)
import-values-where = The template of a round's indicator values is on the country's indicator page:
import-every-country = Every country
import-country = For
import-file = File
import-file-hint = An Enlace template (.xlsx), or a CSV file in UTF-8 with the template's column names.
import-upload = Check the file
import-preview-title = Import preview
import-scope = For
import-uploaded = Uploaded
import-scope-values = { $country }, indicator values of { $year }
import-scope-statuses = { $country }, action statuses and milestones
import-scope-all = Every country, action statuses and milestones
import-problems-heading = Problems ({ $count })
import-problems-hint = Nothing can be written until every problem is corrected: correct the file and upload it again.
import-problems-more = …and { $count } more problems.
import-changes-heading = What will change ({ $count })
import-conflicts-heading = Left out: changed since the template was made ({ $count })
import-conflicts-hint = Someone saved these records after the template was downloaded. They are not overwritten: check them, then download a new template if they still need changing.
import-nothing = The file says what is already saved: there is nothing to change.
import-confirm = Save the { $count } changes
import-discard = Discard this import
import-see-figures = See the figures
import-written = The import was saved.
import-discarded = The import was discarded; nothing was saved.
import-kind-values = indicator values
import-kind-statuses = statuses and milestones
import-col-sheet = Sheet
import-col-row = Row
import-col-column = Column
import-col-problem = Problem
import-col-what = What
import-col-now = Now
import-col-after = After the import
import-col-stored = Saved now
import-col-file = In the file
import-narratives = Narratives
import-note-before = (earlier note)
import-col-country = Country
import-col-year = Year
import-col-indicator = Indicator
import-col-indicator-name = Indicator name
import-col-kind = Kind
import-col-how-to-fill = How to fill it
import-col-value = Value
import-col-numerator = Numerator
import-col-denominator = Denominator
import-col-source = Source
import-col-note = Note
import-col-baseline = Baseline
import-col-target = Target
import-col-state = State
import-col-stamp = Stamp
import-col-theme = Theme
import-col-action = Action
import-col-action-title = Action title
import-col-status = Status
import-col-narrative-en = Narrative (English)
import-col-narrative-es = Narrative (Spanish)
import-col-comment = Why the status changed
import-col-updated = Last updated
import-col-version = Version
import-col-milestone = Milestone
import-col-milestone-title = Milestone title
import-col-due = Due
import-col-achieved-on = Achieved on
import-sheet-values = Values
import-sheet-actions = Actions
import-sheet-milestones = Milestones
import-sheet-instructions = Instructions
import-values-title = Indicator values of { $country }, { $year } round
import-statuses-title = Action statuses and milestones: { $country }
import-instructions-values = Fill in the values of { $country } for { $year } in the sheet "Values": one row per indicator, with its source. A row left empty removes the value saved before.
import-instructions-statuses = Update the statuses and narratives of { $country } in the sheet "Actions", and the days milestones were achieved in the sheet "Milestones".
import-instructions-locked = Grey cells are for reference and locked; change only the white ones. Do not add, remove or merge columns.
import-instructions-dates = Type days as dates (2026-03-31). A day written as text in another order, such as 31/03/2026, is refused, since it reads differently in different countries.
import-instructions-upload-values = Upload the file on the country's indicator page in Enlace: you will see what changes, row by row, before it is saved. Saving it as CSV (UTF-8) also works.
import-instructions-upload-statuses = Upload the file on the Import page of Enlace: you will see what changes, row by row, before it is saved.
import-instructions-not-editable = The submission is { $state }: values can be imported again once the secretariat returns or reopens it.
import-how-yes-no = Choose Yes or No.
import-how-count = A whole number, 0 or more.
import-how-percentage = Type the numerator and the denominator: the percentage follows.
import-how-number = A number, 0 or more (decimals allowed).
import-how-scale = Choose a level from 0 to 4.
import-validation-whole = Type a whole number, 0 or more.
import-validation-decimal = Type a number, 0 or more.
import-validation-date = Type a day, such as 2026-03-31.
import-file-missing = Choose the file to import.
import-file-too-large = The file is larger than { $limit } KB: split it in two.
import-not-spreadsheet = This file is not a spreadsheet: upload the Excel template (.xlsx) or a CSV file.
import-other-format = Enlace reads Excel files in the .xlsx format and CSV files: save this file as "Excel workbook (.xlsx)" and upload it again.
import-not-utf8 = This CSV file is not in UTF-8: in Excel, save it as "CSV UTF-8 (comma delimited)" and upload it again.
import-encrypted = This workbook is protected by a password: save it without one and upload it again.
import-too-many-rows = The sheet "{ $sheet }" has more than { $limit } rows: split the file.
import-too-many-columns = The sheet "{ $sheet }" has more than { $limit } columns: use the template's columns.
import-damaged = This workbook cannot be read: it may be damaged. Open it in Excel, save it again and upload it.
import-no-template-sheet = No sheet of this file is a template of { $expected }: its first row must name the template's columns.
import-expected-values = indicator values
import-expected-statuses = action statuses or milestones
import-no-rows = The file has no rows to import.
import-merged-cells = Cells { $range } are merged: unmerge them so that each row has its own cells.
import-formula = This cell holds a formula ({ $formula }): type the value itself.
import-cell-error = This cell holds an error ({ $error }): type the value itself.
import-country-missing = Type the country's ISO code, such as CR.
import-country-invalid = This is not a country's ISO code (two letters, such as CR).
import-country-unknown = { $code } is not a member country.
import-not-whole-number = Type a whole number.
import-indicator-missing = Type the indicator's code.
import-action-missing = Type the action's code.
import-milestone-missing = Type the milestone's code.
import-action-unknown = The plan in force has no action { $code }.
import-milestone-unknown = This action has no milestone { $code } in the plan in force.
import-date-invalid = This is not a day Enlace reads: type a date such as 2026-03-31.
import-date-text = "{ $text }" is a day written as text: type it as a date, or as 2026-03-31 (year, month, day).
import-other-country = This row is for { $file }; this import is for { $country }.
import-other-year = This row is for { $file }; this import is for the { $year } round.
import-not-yours = You do not report for { $country }.
import-row-repeated = This row repeats an earlier one.
import-has-problems = The file has problems: correct them and upload it again.
import-changed-since-preview = What is saved changed since this preview was shown: check the preview again.
tokens-heading = API tokens
tokens-intro = A token lets another system (a statistics office, a website, a spreadsheet) read Enlace, or write what you may write, as you, through the JSON API.
tokens-docs = The API's documentation
tokens-created = Your new token. Copy it now: it is not shown again, and Enlace keeps only a fingerprint of it.
tokens-name = Name
tokens-shown = Token
tokens-scope = Access
tokens-expires = Expires on
tokens-last-used = Last used
tokens-state = State
tokens-active = In force
tokens-inactive = Revoked or expired
tokens-revoke = Revoke
tokens-create-heading = Create a token
tokens-create = Create the token
tokens-limits = At most { $count } tokens in force at once, each for at most { $days } days.
token-scope-read = Read only
token-scope-write = Read and write
token-scope-invalid = Choose read only, or read and write.
token-name-required = Name the token after the system that will use it.
token-name-too-long = The name is longer than { $limit } characters.
token-name-control = The name must be one line of visible characters.
token-expiry-invalid = Type the last day the token works, such as 2027-03-31.
token-expiry-past = The token must work at least until tomorrow.
token-expiry-too-far = A token works for at most { $limit } days.
token-too-many = You already hold { $limit } tokens in force: revoke one first.
api-read-only-title = Read-only token
api-read-only-detail = This token may only read: create a read-and-write token on your account page to write.
api-rate-title = Too many requests
api-rate-detail = This token made too many requests: try again in { $seconds } seconds.
api-page-invalid = Ask for a page from 1, of 1 to 1000 items.
problem-form-file-too-large = The file is larger than { $limit } KB: send a smaller one, or split it.
api-docs-schemas = What the answers and requests hold

## The legislation matrix
nav-legislation = Legislation
coverage-full = Full
coverage-partial = Partial
coverage-none = None
coverage-not-applicable = Not applicable
coverage-missing = Not entered
provision-group-criminalization = Criminalization
provision-group-aggravation = Aggravating circumstances
provision-group-protection = Protection of migrants
provision-group-sea = Smuggling by sea
provision-group-border = Border measures
provision-group-related = Related offences
penalty-range = { $min } to { $max } years
penalty-up-to = up to { $max } years
penalty-at-least = at least { $min } years
field-legislation-entry = the entry
legislation-title = Legislation matrix
legislation-intro = How each country's law covers the provisions of the Protocol against the Smuggling of Migrants and the related offences the network follows: the law and article that implement each one, its text and its penalties. Countries keep it current in each round; the secretariat verifies it.
legislation-group = Provisions
legislation-all-groups = Every group of provisions
legislation-legend = Legend
legislation-caption = { $countries } countries and { $provisions } provisions
legislation-verified-mark = verified by the secretariat
legislation-unknown-group = That group of provisions does not exist; every group is shown.
legislation-unknown-membership = That group of countries does not exist; the member countries are shown.
legislation-article = art. { $article }
legislation-in-force-since = in force since { $day }
legislation-instruments = National instruments
legislation-instruments-help = The law, code or decree, and its article, that implement the provision. Leave a row empty to leave it out.
legislation-instrument-n = Instrument { $n }
legislation-instrument-title = Title
legislation-instrument-number = Number
legislation-instrument-year = Year
legislation-instrument-article = Article
legislation-instrument-url = Official link
legislation-instrument-in-force = In force since
legislation-coverage = Coverage
legislation-coverage-reason = Why (required unless coverage is full)
legislation-original-text = Text of the article, in its original language
legislation-text-language = Language of the text
legislation-penalty = Prison term
legislation-penalty-min = Least prison term, in years
legislation-penalty-max = Longest prison term, in years
legislation-fines = Fines
legislation-aggravating = Aggravating circumstances
legislation-note = Note
legislation-country-title = Legislation of { $country }
legislation-entry-title = { $country }: { $provision }
legislation-no-round = No reporting round is open for this country: its legislation is kept by the secretariat.
legislation-submission-link = Submission and indicators
legislation-progress = This round
legislation-progress-words = { $entered } of { $provisions } provisions entered, { $reviewed } reviewed this round
legislation-provision = Provision
legislation-entered = Entered
legislation-reviewed = Reviewed this round
legislation-reviewed-yes = Yes
legislation-reviewed-no = Not yet
legislation-confirm = Confirm unchanged
legislation-confirmed = The entry on { $provision } was confirmed unchanged.
legislation-verified-on = verified { $day }
legislation-entered-by = Entered by { $name } on { $day }.
legislation-confirmed-by = Confirmed unchanged by { $name } on { $day }.
legislation-verified-by = Verified by { $name } on { $day }.
legislation-not-verified = Not verified yet.
legislation-someone = a former user
legislation-locked = The submission of this round is submitted or validated: the legislation can change again if the secretariat returns or reopens it.
legislation-edit-heading = Enter the legislation
legislation-save = Save the entry
legislation-saved = The entry was saved.
legislation-history = History
legislation-version-summary = Version { $version }, { $at }, by { $name }: { $coverage }
problem-coverage-unknown = Choose the coverage: full, partial, none or not applicable.
problem-coverage-reason-missing = Say why the coverage is not full.
problem-instrument-missing = Name the law or code that covers the provision.
problem-instruments-too-many = An entry can list at most { $limit } instruments.
problem-instrument-title-missing = The instrument needs its title.
problem-instrument-url = The official link must be a full web address starting with http:// or https://.
problem-instrument-year = The year must be a year from 1800 to { $limit }.
problem-instrument-in-force = The day it came into force must be a date (YYYY-MM-DD).
problem-penalty-years = A prison term is a number of years from 0 to { $limit }.
problem-penalty-order = The longest prison term cannot be shorter than the least.
problem-text-too-long = This field can have at most { $limit } characters.
problem-text-control = This field contains hidden control or direction characters; remove them.
problem-text-language-missing = Say which language the article's text is in.
problem-text-language-unknown = Choose the language of the text from the list.
problem-entry-missing = There is nothing entered to confirm yet: save the entry first.
col-legislation = Legislation
tracker-legislation-complete = Reviewed in full
tracker-legislation-progress = { $reviewed } of { $provisions } reviewed ({ $entered } entered)
values-derived-help = The legislative indicators (LEG-05, LEG-06A to LEG-06E) follow from the country's legislation matrix and are not typed here.
values-derived-link = Keep the legislation matrix
problem-indicator-derived = This indicator follows from the legislation matrix; change the legislation entry instead of its value.
chart-least = Least
chart-most = Most
legislation-side-by-side = Every country's law
legislation-penalty-chart-title = Prison terms for { $provision }, by country
legislation-penalty-chart-desc = For each country, the least and the longest prison term its law sets for { $provision }, in years.
legislation-compare-title = Compare countries
legislation-compare-intro = Choose two to four countries to read their laws, texts and prison terms side by side, provision by provision.
legislation-compare-choose = Countries (two to { $most })
legislation-compare-submit = Compare
legislation-compare-caption = The chosen countries' entries, provision by provision
legislation-compare-count = Choose from two to { $most } countries to compare.
legislation-compare-unknown = One of the countries chosen is not known to Enlace; choose again from the list.
legislation-changes-title = What changed
legislation-changes-since = Changes since
legislation-changes-submit = Show
legislation-changes-count = { $count } changes to the matrix since { $since }.
legislation-changes-when = When
legislation-changes-before = Before
legislation-changes-after = After
legislation-changes-by = By
legislation-changes-first = first entry
legislation-changes-bad-day = That day could not be read; the changes of the last year are shown.
legislation-comments = Comments
legislation-no-comments = No comments yet.
legislation-comment-label = Your comment
legislation-comment-submit = Add the comment
problem-entry-missing-comment = There is no entry to comment on yet.
export-col-verified = Verified on
report-legislation-heading = Annex: the legislation matrix
report-legislation-intro = How each member country's law covers the provisions of the Protocol against the Smuggling of Migrants and the related offences, as the { $year } round validated it (or as entered, where the country's submission is not validated). The provisions compared:
report-legislation-unverified = An asterisk (*) marks an entry the secretariat has not verified; a dash, a provision the country has not entered.
report-sheet-legislation = Legislation
report-col-provision-code = Code
report-col-verified = Verified
reminder-legislation = Its legislation matrix has { $reviewed } of { $provisions } provisions reviewed this round: please complete or confirm the rest.
problem-legislation-locked = This country's submission is submitted or validated: its legislation cannot change unless the secretariat returns or reopens it.
tracker-legislation-past = Kept in the latest round

## The plan's state on a past day
as-of-shown = Shown as it stood on { $date }. Leave the date empty for today.
chart-scorecard-desc-on = For each country, in its latest year with values validated by { $date }: the share of each Protocol article's yes/no indicators that are met, or, for an article measured only on the 0–4 scale, its mean level as a share of the top level.

## The outlook
chart-projected-range = Projected (slowest–fastest pace)
chart-projected-value = { $central } ({ $low }–{ $high })
chart-projection-range = Projection at the current pace, and its range
outlook-sentence = At its pace of the last twelve months, { $country } would reach { $central } of its plan by { $end } (from { $low } at its slowest pace to { $high } at its fastest), { $unfinished ->
    [0] with every action that has milestones complete.
    [one] with one action not complete.
   *[other] with { $unfinished } actions not complete.
}
outlook-too-early = It is too early to project where { $country } will stand: its pace is measured over at least three months of the plan.
outlook-more = See its outlook.
nav-outlook = Outlook
col-theme = Theme
outlook-title = Outlook
outlook-intro = Where each country, each theme and the region will stand at the plan's end at the pace countries are going, and what is slipping now, early enough to act.
outlook-method = Each country is assumed to go on reaching its remaining milestones, in the order they fall due, at the pace of its last twelve months, and never sooner than their due date plus its usual delay. The range is the same projection at the slowest and at the fastest of its twelve-month paces since the plan began.
outlook-method-link = How the outlook is made, and how well it foresaw the past.
outlook-filters = Outlook filters
outlook-all-countries = All countries
outlook-unknown-country = The country in the address is not a member; every member country is shown.
outlook-region = The region
outlook-themes-heading = The region and its themes on { $end }
outlook-countries-heading = Each country
outlook-col-now = On the day shown
outlook-col-at-end = At the plan's end (range)
outlook-col-pace = Milestones a month
outlook-col-lateness = Usual delay (days)
outlook-col-last = Last milestone reached
outlook-col-unfinished = Actions not complete at the end
outlook-too-early-short = Too early to tell
outlook-never = None yet
outlook-warnings-heading = Early warnings
outlook-warnings-intro = Milestones projected to be reached more than 90 days after their due date, and actions that will not be complete by the plan's end at the current pace.
outlook-no-warnings = Nothing is projected to slip more than 90 days, and every action that has milestones is projected to be complete by the plan's end.
outlook-col-what = Milestone
outlook-col-projected = Projected
outlook-col-why = Why
outlook-whole-action = The whole action
outlook-not-at-this-pace = Not at this pace
outlook-reason-nothing-yet = no milestone achieved since the plan began
outlook-reason-none-for = no milestone achieved in { $months ->
    [one] 1 month
   *[other] { $months } months
}
outlook-reason-late = milestones are reached { $days ->
    [one] one day
   *[other] { $days } days
} after their due date, at the median
outlook-reason-too-slow = at its pace of { $pace } milestones a month, its { $remaining } remaining milestones take too long
outlook-method-title = How the outlook is made
outlook-method-details = The pace is the weight of the milestones a country reached in the twelve months up to the day (fewer in the plan's first year, never fewer than three months), a month. Its usual delay is the median number of days by which its milestones due in those twelve months were reached late, or are late so far (a completed action's too: a milestone left unticked is late until it is ticked). A completed action stays complete; an action without milestones is not projected. Theme and regional projections are the means over the countries, as the dashboards' figures are. Reaching one more milestone never lowers a projection.
outlook-method-warnings = A milestone is warned of when it is projected more than 90 days after its due date, or not at all at the current pace; an action when it will not be complete by the plan's end. The reason given is what sets the date: no milestone reached for months, the country's usual delay, or a pace too slow for what remains.
outlook-backtest-heading = How well it would have foreseen the past
outlook-backtest-intro = The method was run from the end of every month of the recorded history, on the milestones reached by that day, and each member country's projection compared with the progress it had actually made at the end of the month 3, 6 and 12 months later. The history is known up to { $date }, the last day anything was recorded.
outlook-backtest-none = The recorded history is still too short to check the method against it.
outlook-col-horizon = Ahead
outlook-col-cases = Projections checked
outlook-col-error = Mean error (points)
outlook-col-bias = Bias (points)
outlook-col-within = Within the range
outlook-col-no-change = Error of assuming no change (points)
outlook-months-ahead = { $months } months
outlook-backtest-reading = Errors are in percentage points of progress. A positive bias means the projections were too hopeful. The last column is the error of simply assuming nothing more would be achieved, for comparison.
report-outlook-intro = Where the region, its themes and each member country would stand at the plan's end, on { $end }, at the pace of the twelve months up to { $date }, with the milestones and actions that are slipping.
report-sheet-outlook = Outlook
report-sheet-warnings = Early warnings
report-col-scope = Region, theme or country
report-col-at-slowest = At the end, slowest pace
report-col-at-current = At the end, current pace
report-col-at-fastest = At the end, fastest pace

account-digest-heading = Monthly digest
account-digest-intro = Once a month, an email on where your country's plan will stand at its end at the current pace, and on the milestones and actions that are slipping.
account-digest-saved = Your choice of the monthly digest has been saved.
digest-subject = Enlace: the outlook for { $country } on { $date }
digest-intro = This is the monthly digest of { $country }'s outlook in the regional work plan against migrant smuggling, on { $date }.
digest-no-warnings = No milestone is projected to slip more than 90 days, and every action that has milestones will be complete by the plan's end at this pace.
digest-warnings-heading = Early warnings ({ $count }): milestones projected to slip more than 90 days and actions that will not be complete by the plan's end at this pace.
digest-warning = - { $code }, { $what }: due { $due }; projected: { $projected } ({ $reason }).
digest-more-warnings = …and { $count } more on the outlook page.
digest-link = The outlook page: { $link }
digest-why = You receive this digest because you asked for it on your account page in Enlace, where you can stop it.
account-digest-on = You receive the monthly digest.
account-digest-off = You do not receive the monthly digest.
account-digest-start = Send me the monthly digest
account-digest-stop = Stop the monthly digest
problem-digest-choice = Choose whether to receive the monthly digest.

pager-label = Pages
# { $first }, { $last }: the rows shown; { $total }: how many there are.
pager-summary = { $first }–{ $last } of { $total }
pager-previous = Previous page
pager-next = Next page
report-more-in-workbook = … and { $count } more, all listed in the Excel workbook’s sheet “{ $sheet }”.
